package io.dynasplit.testbed.emulated;

import io.dynasplit.statistics.Quantiles;

import java.util.ArrayList;
import java.util.List;

/** Small linear least-squares problems (a handful of unknowns) through the normal equations. */
final class LeastSquares {
    private LeastSquares() {
    }

    /** Coefficients b minimising |X b - y|^2. */
    static double[] solve(double[][] x, double[] y) {
        int k = x[0].length;
        // columns are scaled to a unit maximum first: features range from 1 to millions of MACs
        double[] scale = new double[k];
        for (double[] row : x) {
            for (int i = 0; i < k; i++) {
                scale[i] = Math.max(scale[i], Math.abs(row[i]));
            }
        }
        for (int i = 0; i < k; i++) {
            if (scale[i] == 0) {
                throw new IllegalStateException("least-squares feature " + i + " is zero in every row");
            }
        }
        double[][] a = new double[k][k + 1];
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] += x[r][i] / scale[i] * x[r][j] / scale[j];
                }
                a[i][k] += x[r][i] / scale[i] * y[r];
            }
        }
        double[] b = gauss(a);
        for (int i = 0; i < k; i++) {
            b[i] /= scale[i];
        }
        return b;
    }

    /**
     * Least squares, then again without the rows whose residual is beyond 3 robust standard deviations: a few
     * measurements in the paper's data are plainly broken (a frequency that did not take, a network hiccup) and
     * must not bend a power model.
     */
    static double[] solveTrimmed(double[][] x, double[] y) {
        double[] b = solve(x, y);
        double[] residuals = new double[y.length];
        for (int r = 0; r < y.length; r++) {
            residuals[r] = y[r] - dot(x[r], b);
        }
        double limit = 3 * 1.4826 * Quantiles.mad(residuals);
        double center = Quantiles.median(residuals);
        List<double[]> keptX = new ArrayList<>();
        List<Double> keptY = new ArrayList<>();
        for (int r = 0; r < y.length; r++) {
            if (Math.abs(residuals[r] - center) <= limit) {
                keptX.add(x[r]);
                keptY.add(y[r]);
            }
        }
        if (keptY.size() <= x[0].length || keptY.size() == y.length) {
            return b;
        }
        return solve(keptX.toArray(double[][]::new), keptY.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Least squares with every coefficient >= 0: drops the most negative coefficient's feature and solves again
     * until none is negative (enough for the few, nearly independent features used here).
     */
    static double[] solveNonNegative(double[][] x, double[] y) {
        int k = x[0].length;
        boolean[] active = new boolean[k];
        for (double[] row : x) {
            for (int i = 0; i < k; i++) {
                active[i] |= row[i] != 0;
            }
        }
        while (true) {
            int[] cols = java.util.stream.IntStream.range(0, k).filter(i -> active[i]).toArray();
            double[][] sub = new double[x.length][cols.length];
            for (int r = 0; r < x.length; r++) {
                for (int c = 0; c < cols.length; c++) {
                    sub[r][c] = x[r][cols[c]];
                }
            }
            double[] b = cols.length == 0 ? new double[0] : solve(sub, y);
            int worst = -1;
            for (int c = 0; c < cols.length; c++) {
                if (b[c] < 0 && (worst < 0 || b[c] < b[worst])) {
                    worst = c;
                }
            }
            if (worst < 0) {
                double[] full = new double[k];
                for (int c = 0; c < cols.length; c++) {
                    full[cols[c]] = b[c];
                }
                return full;
            }
            active[cols[worst]] = false;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] gauss(double[][] a) {
        int k = a.length;
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            if (Math.abs(a[col][col]) < 1e-300) {
                throw new IllegalStateException("singular least-squares system (a feature has no data)");
            }
            for (int r = 0; r < k; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= k; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] b = new double[k];
        for (int i = 0; i < k; i++) {
            b[i] = a[i][k] / a[i][i];
        }
        return b;
    }
}
