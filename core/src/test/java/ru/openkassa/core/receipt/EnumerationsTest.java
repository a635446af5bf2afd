package ru.openkassa.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnumerationsTest {

    @Test
    void operationsCarryTheirCalculationSign() {
        assertThat(Operation.SELL.calculationSign()).isEqualTo(1);
        assertThat(Operation.SELL_REFUND.calculationSign()).isEqualTo(2);
        assertThat(Operation.BUY.calculationSign()).isEqualTo(3);
        assertThat(Operation.BUY_REFUND.calculationSign()).isEqualTo(4);
        assertThat(Operation.SELL_CORRECTION.calculationSign()).isEqualTo(1);
        assertThat(Operation.SELL_REFUND_CORRECTION.calculationSign()).isEqualTo(2);
        assertThat(Operation.BUY_CORRECTION.calculationSign()).isEqualTo(3);
        assertThat(Operation.BUY_REFUND_CORRECTION.calculationSign()).isEqualTo(4);
    }

    @Test
    void refundCorrectionsExistOnlyInV5() {
        assertThat(Operation.SELL_REFUND_CORRECTION.availableIn(AtolVersion.V4)).isFalse();
        assertThat(Operation.BUY_REFUND_CORRECTION.availableIn(AtolVersion.V4)).isFalse();
        assertThat(Operation.SELL_CORRECTION.availableIn(AtolVersion.V4)).isTrue();
        assertThat(Operation.BUY_REFUND_CORRECTION.availableIn(AtolVersion.V5)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void operationsRoundTripThroughTheirAtolName(Operation operation) {
        assertThat(Operation.fromAtolName(operation.atolName())).contains(operation);
        assertThat(operation.documentCode()).isEqualTo(operation.isCorrection() ? 31 : 3);
    }

    @Test
    void unknownOperationAndVersion() {
        assertThat(Operation.fromAtolName("report")).isEmpty();
        assertThat(AtolVersion.fromPath("v5")).contains(AtolVersion.V5);
        assertThat(AtolVersion.fromPath("v4")).contains(AtolVersion.V4);
        assertThat(AtolVersion.fromPath("v3")).isEmpty();
    }

    @Test
    void taxSystemsAreSingleBitsOfTag1055() {
        assertThat(TaxSystem.fromAtolName("usn_income_outcome")).contains(TaxSystem.USN_INCOME_OUTCOME);
        int all = 0;
        for (TaxSystem system : TaxSystem.values()) {
            assertThat(Integer.bitCount(system.bit())).isEqualTo(1);
            all |= system.bit();
        }
        assertThat(all).isEqualTo(63);
    }

    @Test
    void paymentTypesGoToTheirFiscalTags() {
        assertThat(PaymentType.fromAtolCode(0)).contains(PaymentType.CASH);
        assertThat(PaymentType.CASH.fiscalTag()).isEqualTo(1031);
        assertThat(PaymentType.ELECTRONIC.fiscalTag()).isEqualTo(1081);
        assertThat(PaymentType.PREPAYMENT.fiscalTag()).isEqualTo(1215);
        assertThat(PaymentType.CREDIT.fiscalTag()).isEqualTo(1216);
        assertThat(PaymentType.OTHER.fiscalTag()).isEqualTo(1217);
        assertThat(PaymentType.fromAtolCode(7).orElseThrow().fiscalTag()).isEqualTo(1081);
        assertThat(PaymentType.fromAtolCode(10)).isEmpty();
        assertThat(PaymentType.CASH.isCash()).isTrue();
        assertThat(PaymentType.EXTENDED_5.isCash()).isFalse();
    }

    @Test
    void paymentMethodsAreCodes1To7() {
        assertThat(PaymentMethod.fromAtolName("full_prepayment").orElseThrow().code()).isEqualTo(1);
        assertThat(PaymentMethod.fromAtolName("full_payment").orElseThrow().code()).isEqualTo(4);
        assertThat(PaymentMethod.fromAtolName("credit_payment").orElseThrow().code()).isEqualTo(7);
        assertThat(PaymentMethod.fromCode(6)).contains(PaymentMethod.CREDIT);
    }

    @Test
    void paymentObjectsMapV4StringsToTag1212Codes() {
        assertThat(PaymentObject.fromAtolV4Name("commodity").orElseThrow().code()).isEqualTo(1);
        assertThat(PaymentObject.fromAtolV4Name("service").orElseThrow().code()).isEqualTo(4);
        assertThat(PaymentObject.fromAtolV4Name("composite").orElseThrow().code()).isEqualTo(12);
        assertThat(PaymentObject.fromAtolV4Name("award").orElseThrow().code()).isEqualTo(12);
        assertThat(PaymentObject.fromAtolV4Name("another").orElseThrow().code()).isEqualTo(13);
        assertThat(PaymentObject.fromAtolV4Name("non-operating_gain").orElseThrow().code()).isEqualTo(15);
        assertThat(PaymentObject.fromAtolV4Name("resort_fee").orElseThrow().code()).isEqualTo(18);
        assertThat(PaymentObject.fromAtolV4Name("casino_payment").orElseThrow().code()).isEqualTo(26);
        assertThat(PaymentObject.fromCode(33)).contains(PaymentObject.MARKED_WITH_CODE);
        assertThat(PaymentObject.MARKED_WITH_CODE.atolV4Name()).isEmpty();
        assertThat(PaymentObject.fromCode(28)).isEmpty();
        assertThat(PaymentObject.fromCode(29)).isEmpty();
    }

    @Test
    void measuresAreTag2108Codes() {
        assertThat(Measure.fromCode(0)).contains(Measure.PIECE);
        assertThat(Measure.fromCode(11)).contains(Measure.KILOGRAM);
        assertThat(Measure.fromCode(255)).contains(Measure.OTHER);
        assertThat(Measure.fromCode(1)).isEmpty();
    }

    @Test
    void agentTypesAreSingleBits() {
        assertThat(AgentType.fromAtolName("bank_paying_agent").orElseThrow().bit()).isEqualTo(1);
        assertThat(AgentType.fromAtolName("another").orElseThrow().bit()).isEqualTo(64);
        for (AgentType type : AgentType.values()) {
            assertThat(Integer.bitCount(type.bit())).isEqualTo(1);
        }
    }

    @Test
    void correctionTypesAreTag1173Values() {
        assertThat(CorrectionType.fromAtolName("self").orElseThrow().code()).isZero();
        assertThat(CorrectionType.fromAtolName("instruction").orElseThrow().code()).isEqualTo(1);
    }
}
