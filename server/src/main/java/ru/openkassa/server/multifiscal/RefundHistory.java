package ru.openkassa.server.multifiscal;

import java.util.ArrayList;
import java.util.List;

import ru.openkassa.core.multifiscal.Refund;
import ru.openkassa.core.multifiscal.RefundLine;
import ru.openkassa.core.multifiscal.RefundPlanner;
import ru.openkassa.core.multifiscal.RefundResult;
import ru.openkassa.core.multifiscal.SplitPurchase;

/**
 * The refunds of a purchase as stored: only the lines each returned, in order. The planner is
 * deterministic, so planning them again in that order gives the same refund receipts, and a new
 * refund is planned against them.
 */
final class RefundHistory {

    private final RefundPlanner planner = new RefundPlanner();

    /** @param lines null: everything not returned yet */
    RefundResult plan(SplitPurchase sale, List<Refund> earlier, List<RefundLine> lines) {
        return lines == null ? planner.planFull(sale, earlier) : planner.plan(sale, earlier, lines);
    }

    /** The refunds made so far, planned again in their order: the planner is deterministic. */
    List<Refund> replay(SplitPurchase sale, List<PurchaseRepository.RefundRow> made) {
        List<Refund> earlier = new ArrayList<>();
        for (PurchaseRepository.RefundRow row : made) {
            List<RefundLine> lines = row.lines() == null ? null : RefundReader.parseStored(row.lines());
            switch (plan(sale, List.copyOf(earlier), lines)) {
                case RefundResult.Planned planned -> earlier.add(planned.refund());
                case RefundResult.Refused refused ->
                        throw new IllegalStateException("stored refund " + row.id() + " no longer plans: " + refused.violations());
            }
        }
        return earlier;
    }

}
