package no.trinn.vr.math;

/**
 * An immutable 3-vector in metres (or a colour-free direction). The world is right-handed, y up; the character stands
 * at the origin facing +z, the client looks at it from +z.
 */
public record Vec3(double x, double y, double z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("a vector must be finite, was (" + x + ", " + y + ", " + z + ")");
        }
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    public double length() {
        return Math.sqrt(dot(this));
    }

    /** This vector scaled to length 1; throws for the zero vector. */
    public Vec3 normalized() {
        double l = length();
        if (l == 0) {
            throw new IllegalArgumentException("cannot normalise the zero vector");
        }
        return times(1 / l);
    }
}
