-- The legal entity's address (юридический адрес), asked for every new entity; entities made
-- before it was asked for have none until someone fills it in.
alter table legal_entity add column address varchar(256);
