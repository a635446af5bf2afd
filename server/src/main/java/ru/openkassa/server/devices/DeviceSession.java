package ru.openkassa.server.devices;

/** A register that said hello and holds a device token. */
record DeviceSession(long accountId, long registerPk, String registerId) {
}
