package ru.openkassa.core.receipt;

import java.util.List;

/**
 * Agent data of the receipt (tag 1057) or of one item (tag 1223, type 1222).
 *
 * @param receivePaymentsOperatorPhones 1074 телефоны оператора по приему платежей
 */
public record AgentInfo(
        AgentType type,
        PayingAgent payingAgent,
        List<String> receivePaymentsOperatorPhones,
        MoneyTransferOperator moneyTransferOperator) {

    public AgentInfo {
        receivePaymentsOperatorPhones = receivePaymentsOperatorPhones == null
                ? List.of() : List.copyOf(receivePaymentsOperatorPhones);
    }
}
