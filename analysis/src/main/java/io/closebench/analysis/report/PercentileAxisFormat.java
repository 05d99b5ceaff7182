package io.closebench.analysis.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Tick labels of a percentile axis drawn the way HdrHistogram plots are: the axis value is
 * {@code 1 / (1 - p)} on a log scale, so that 0 %, 90 %, 99 %, 99.9 % ... are equally spaced and the
 * tail gets as much room as the body. This format turns each tick value back into "99.9%".
 */
final class PercentileAxisFormat extends NumberFormat {

    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double value, StringBuffer toAppendTo, FieldPosition pos) {
        if (!(value >= 1.0)) {
            return toAppendTo.append("");
        }
        double percent = 100.0 * (1.0 - 1.0 / value);
        BigDecimal shown = new BigDecimal(percent).round(new MathContext(12, RoundingMode.HALF_UP)).stripTrailingZeros();
        if (shown.scale() > 4) {
            shown = shown.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        }
        return toAppendTo.append(shown.signum() == 0 ? "0" : shown.toPlainString()).append('%');
    }

    @Override
    public StringBuffer format(long value, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) value, toAppendTo, pos);
    }

    /**
     * Tick labels are only written, never read back: per {@link java.text.NumberFormat}'s contract,
     * "cannot parse" is null with the position left unchanged.
     */
    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null;
    }
}
