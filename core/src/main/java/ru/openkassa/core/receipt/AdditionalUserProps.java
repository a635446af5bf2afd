package ru.openkassa.core.receipt;

/** Дополнительный реквизит пользователя, tag 1084: name 1085 (≤64), value 1086 (≤256). */
public record AdditionalUserProps(String name, String value) {
}
