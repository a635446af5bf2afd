package ru.openkassa.core.multifiscal;

import ru.openkassa.core.money.Money;

/**
 * One bank operation in one legal entity's name: the seed makes as many transactions as there are
 * receipts with a card part, each on the terminal serving that entity. A refund's card part goes
 * back through the same terminal.
 */
public record CardTransaction(String entityInn, Money amount, Terminal terminal) {
}
