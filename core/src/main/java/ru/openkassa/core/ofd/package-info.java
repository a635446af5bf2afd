/**
 * Framing of the register ↔ OFD exchange (session header, container, operator confirmation) as
 * yandex/ofd implements it, without the encryption a real fiscal drive applies.
 */
package ru.openkassa.core.ofd;
