-- When an administrator last set the user's password: sessions opened before it end, so that a
-- password reset because someone else knew it also shuts that someone out. Null: never reset.
alter table app_user add column password_set_at timestamp with time zone;
