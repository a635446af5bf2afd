package ru.openkassa.server.fleet;

/** A client company: its number and name are what people type into the login form. */
public record Account(long id, String number, String name) {
}
