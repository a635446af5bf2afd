/**
 * Fiscal documents in FFD 1.2 TLV form as the fiscal drive stores them and the OFD receives them:
 * built from the receipt model by the virtual FN, signed with the emulator's stand-in fiscal sign,
 * read back by tag by the OFD emulator.
 */
package ru.openkassa.core.ffd;
