/** The QR code string of a receipt that the FNS app checks. */
package ru.openkassa.core.qr;
