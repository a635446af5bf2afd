/**
 * The FFD wire format: requisites as TLV (tag and length uint16 little-endian, then the value)
 * and the value types of the FNS format tables, each with encode and decode. Nothing here knows
 * what a tag means; that is {@link ru.openkassa.core.ffd.FfdTag}.
 */
package ru.openkassa.core.tlv;
