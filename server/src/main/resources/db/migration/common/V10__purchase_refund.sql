-- Refunds of a purchase, numbered in the order they were made: each is planned against the
-- refunds before it, so replaying them in this order gives the same receipts again.
create table purchase_refund (
    id             uuid         primary key,
    account_id     bigint       not null,
    purchase_id    uuid         not null references purchase (id),
    external_id    varchar(128) not null,
    refund_number  integer      not null,
    -- the returned lines as the store sent them; null: everything not returned yet
    lines          text,
    created_at     timestamp with time zone not null,
    constraint purchase_refund_external_id unique (purchase_id, external_id),
    constraint purchase_refund_number unique (purchase_id, refund_number)
);
alter table purchase_receipt add constraint purchase_receipt_refund foreign key (refund_id) references purchase_refund (id);
