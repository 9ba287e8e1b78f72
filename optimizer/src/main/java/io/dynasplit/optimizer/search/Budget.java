package io.dynasplit.optimizer.search;

import java.util.Locale;

/**
 * How many distinct configurations a search may measure: a fraction of the valid space (the paper explores 20%,
 * {@code ceil(0.2 * |space|)}: 184 of VGG16's 917, 55 of ViT's 273) or a count.
 */
public record Budget(Double fraction, Integer count) {
    public static final Budget PAPER = fraction(0.2);

    public Budget {
        if ((fraction == null) == (count == null)) {
            throw new IllegalArgumentException("a budget is either a fraction or a count");
        }
        if (fraction != null && !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("budget fraction must be in (0, 1], got " + fraction);
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("budget count must be >= 1, got " + count);
        }
    }

    public static Budget fraction(double fraction) {
        return new Budget(fraction, null);
    }

    public static Budget count(int count) {
        return new Budget(null, count);
    }

    /**
     * Parses {@code 0.2} or {@code 20%} (a fraction) or {@code 184} (a count). A number with a decimal point is a
     * fraction, so {@code 1.0} is the whole space and {@code 1} is one configuration.
     */
    public static Budget parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("%")) {
                return fraction(Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100.0);
            }
            if (s.contains(".") || s.contains("e")) {
                return fraction(Double.parseDouble(s));
            }
            return count(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budget must be a fraction (0.2, 20%) or a count (184), got '" + text + "'");
        }
    }

    /** The number of distinct configurations for a space of this size, never more than the space. */
    public int resolve(int spaceSize) {
        int n = fraction != null ? (int) Math.ceil(fraction * spaceSize - 1e-9) : count;
        return Math.max(1, Math.min(n, spaceSize));
    }

    @Override
    public String toString() {
        return fraction != null ? fraction.toString() : count.toString();
    }
}
