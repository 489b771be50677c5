package no.trinn.vr.avatar;

/**
 * The face's affect-driven part: brows and mouth corners.
 *
 * @param browRaise -1 lowered .. 1 raised
 * @param browTilt -1 inner ends down (annoyed) .. 1 inner ends up (worried)
 * @param smile -1 corners down .. 1 corners up
 */
public record Expression(double browRaise, double browTilt, double smile) {
    public Expression {
        check(browRaise, "browRaise");
        check(browTilt, "browTilt");
        check(smile, "smile");
    }

    private static void check(double v, String field) {
        if (!(v >= -1 && v <= 1)) {
            throw new IllegalArgumentException(field + " must lie in [-1, 1], was " + v);
        }
    }

    /** The resting expression of {@code affect}. */
    public static Expression of(Affect affect) {
        return switch (affect) {
            case NEUTRAL -> new Expression(0, 0, 0.08);
            case WARM -> new Expression(0.3, 0.1, 0.75);
            case CONCERNED -> new Expression(0.35, 0.85, -0.3);
            case IMPATIENT -> new Expression(-0.5, -0.8, -0.4);
            case COOL -> new Expression(-0.15, -0.2, -0.12);
        };
    }

    /** The expression {@code t} in [0, 1] of the way from this one to {@code o}. */
    public Expression blend(Expression o, double t) {
        if (t <= 0) {
            return this;
        }
        if (t >= 1) {
            return o;
        }
        double k = t;
        return new Expression(browRaise + (o.browRaise - browRaise) * k, browTilt + (o.browTilt - browTilt) * k,
                smile + (o.smile - smile) * k);
    }
}
