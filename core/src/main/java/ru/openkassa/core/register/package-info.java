/** Identity of a register as the server issues it. */
package ru.openkassa.core.register;
