package ru.openkassa.core.receipt;

/**
 * The buyer. A receipt goes to {@code email} or {@code phone} (tag 1008; when both are given
 * the OFD sends it to the e-mail).
 *
 * @param email 1008, ≤64
 * @param phone 1008, ≤64, {@code +<country><number>}
 * @param name  1227 покупатель
 * @param inn   1228 ИНН покупателя
 */
public record Client(String email, String phone, String name, String inn) {

    public boolean hasContact() {
        return (email != null && !email.isBlank()) || (phone != null && !phone.isBlank());
    }
}
