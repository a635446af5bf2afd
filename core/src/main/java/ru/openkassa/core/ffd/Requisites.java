package ru.openkassa.core.ffd;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ru.openkassa.core.tlv.Tlv;
import ru.openkassa.core.tlv.TlvFormatException;
import ru.openkassa.core.tlv.WireType;

/**
 * The requisites of a document or of one structure inside it (an item 1059, the operator's
 * message 1068), in their order, read by tag through {@link FfdTag}.
 */
public record Requisites(List<Tlv> tlvs) {

    /** Tags the FNS JSON always shows as arrays, even with one element. */
    private static final Set<Integer> ALWAYS_LISTS = Set.of(FfdTag.ITEMS.number(), FfdTag.CORRECTION_REASON_CODE.number());

    public Requisites {
        tlvs = List.copyOf(tlvs);
    }

    /** The first requisite with this tag. */
    public <T> Optional<T> get(FfdTag<T> tag) {
        for (Tlv tlv : tlvs) {
            if (tlv.tag() == tag.number()) {
                return Optional.of(tag.decode(tlv));
            }
        }
        return Optional.empty();
    }

    public <T> T require(FfdTag<T> tag) {
        return get(tag).orElseThrow(() -> new TlvFormatException("missing tag " + tag.number() + " " + tag.name()));
    }

    public <T> List<T> all(FfdTag<T> tag) {
        List<T> values = new ArrayList<>();
        for (Tlv tlv : tlvs) {
            if (tlv.tag() == tag.number()) {
                values.add(tag.decode(tlv));
            }
        }
        return List.copyOf(values);
    }

    public boolean has(FfdTag<?> tag) {
        return tlvs.stream().anyMatch(tlv -> tlv.tag() == tag.number());
    }

    public Optional<Requisites> structure(FfdTag<List<Tlv>> tag) {
        return get(tag).map(Requisites::new);
    }

    public List<Requisites> structures(FfdTag<List<Tlv>> tag) {
        return all(tag).stream().map(Requisites::new).toList();
    }

    /**
     * A tree a person or a JSON encoder can read, shaped like the FNS JSON of a document: keys
     * are JSON names (the tag number for a tag {@link FfdTag} does not know), a structure is a
     * nested map, a repeated tag a list, the fiscal sign its printed number, the date-time ISO
     * local time, other bytes hex.
     *
     * @throws TlvFormatException when a known tag's value is not of its type
     */
    public Map<String, Object> readable() {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Tlv tlv : tlvs) {
            Optional<FfdTag<?>> known = FfdTag.byNumber(tlv.tag());
            String key = known.map(FfdTag::name).orElse(String.valueOf(tlv.tag()));
            Object value = known.<Object>map(tag -> readable(tag, tlv)).orElseGet(() -> HexFormat.of().formatHex(tlv.value()));
            boolean multiple = ALWAYS_LISTS.contains(tlv.tag()) || tlvs.stream().filter(t -> t.tag() == tlv.tag()).count() > 1;
            if (multiple) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) tree.computeIfAbsent(key, k -> new ArrayList<>());
                list.add(value);
            } else {
                tree.put(key, value);
            }
        }
        return tree;
    }

    private static Object readable(FfdTag<?> tag, Tlv tlv) {
        if (tag.number() == FfdTag.FISCAL_SIGN.number()) {
            return new FiscalSign(FfdTag.FISCAL_SIGN.decode(tlv)).printed();
        }
        WireType<?> type = tag.type();
        Object value = tlv.decode(type);
        if (tag.isStructure()) {
            @SuppressWarnings("unchecked")
            List<Tlv> children = (List<Tlv>) value;
            return new Requisites(children).readable();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toString();
        }
        return value;
    }
}
