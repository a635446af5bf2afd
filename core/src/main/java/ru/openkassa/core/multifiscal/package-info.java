/**
 * Multi-fiscal mode (многофискальность, UKM 5; seed 002): one cashier receipt of goods belonging
 * to several legal entities becomes one receipt per entity, each printed on a register registered
 * to that entity, and the payments are divided among them.
 *
 * <p>Entry points: {@link ru.openkassa.core.multifiscal.PurchaseSplitter#split} (a
 * {@link ru.openkassa.core.multifiscal.Purchase} → receipts and the allocation table),
 * {@link ru.openkassa.core.multifiscal.PaymentAllocator} (the payment rules alone),
 * {@link ru.openkassa.core.multifiscal.RefundPlanner} (full and partial returns).
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Cash first</b> (the cashier took cash before card): the amounts per entity are sorted
 *     ascending and the cash is spread along that list until it runs out; the rest is paid by card.</li>
 * <li><b>Card first</b>: sorted descending, a bank transaction per entity until the card amount runs
 *     out; the rest in cash.</li>
 * <li>Equal amounts: ИНН ascending, in both directions. The order of the lines never matters.</li>
 * <li>Prepayment and other means (seed silent): taken first, shared in proportion to each entity's
 *     amount by largest remainders; cash and card then divide what is left.</li>
 * <li>Overpayment only in cash; the change stays out of the entity receipts, which balance exactly.</li>
 * <li>Card: one transaction per entity, on its own terminal or on one terminal serving all entities
 *     (the seed's Sberbank case). Several terminals of one bank are refused.</li>
 * <li>Refund: only to the means each entity was paid with, never more than that means paid it;
 *     within an entity card first, then cash, other, prepayment; a part of a line returns its sum in
 *     proportion to the quantity, rounded cumulatively so that repeated returns add up exactly.</li>
 * </ul>
 *
 * <h2>Worked examples</h2>
 * Entities A 300.00, B 1000.00, C 700.00; total 2000.00.
 * <pre>
 * cash first, cash 800.00 → order A, C, B (ascending)
 *   A  300.00 cash
 *   C  500.00 cash + 200.00 card   (card transaction on C's terminal)
 *   B                1000.00 card  (card transaction on B's terminal)
 *
 * card first, card 1500.00 → order B, C, A (descending)
 *   B  1000.00 card
 *   C   500.00 card + 200.00 cash
 *   A                 300.00 cash
 * </pre>
 * Returning all of C's goods after the first sale gives one refund receipt on C's register:
 * 200.00 back to the card through C's terminal and 500.00 in cash.
 *
 * <h2>Violation codes</h2>
 * {@code empty_purchase}, {@code payments_do_not_cover_total}, {@code change_only_from_cash},
 * {@code several_terminals_of_one_bank}, {@code no_terminal_for_entity},
 * {@code several_terminals_for_entity}, {@code empty_refund}, {@code unknown_purchase_line},
 * {@code refund_exceeds_purchase}, {@code nothing_to_refund}; and core's {@code required},
 * {@code bad_inn}, {@code out_of_range}, {@code not_positive} for single fields.
 */
package ru.openkassa.core.multifiscal;
