package no.trinn.vr.math;

import java.util.Arrays;

/**
 * An immutable 4x4 matrix stored column-major, as OpenGL reads it. Composition reads right to left:
 * {@code a.times(b)} applies {@code b} first.
 */
public final class Mat4 {
    public static final Mat4 IDENTITY = new Mat4(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});

    private final float[] m;

    private Mat4(float[] m) {
        this.m = m;
    }

    /** The element in row {@code r}, column {@code c}. */
    public float at(int r, int c) {
        return m[c * 4 + r];
    }

    /** A copy of the 16 elements, column-major. */
    public float[] toArray() {
        return m.clone();
    }

    /** Copies the 16 elements, column-major, into {@code out}. */
    public void copyTo(float[] out) {
        System.arraycopy(m, 0, out, 0, 16);
    }

    public static Mat4 translation(double x, double y, double z) {
        float[] a = IDENTITY.toArray();
        a[12] = (float) x;
        a[13] = (float) y;
        a[14] = (float) z;
        return new Mat4(a);
    }

    public static Mat4 translation(Vec3 v) {
        return translation(v.x(), v.y(), v.z());
    }

    public static Mat4 scale(double x, double y, double z) {
        return new Mat4(new float[] {(float) x, 0, 0, 0, 0, (float) y, 0, 0, 0, 0, (float) z, 0, 0, 0, 0, 1});
    }

    public static Mat4 scale(Vec3 v) {
        return scale(v.x(), v.y(), v.z());
    }

    /** Rotation about x by {@code radians}; positive turns +y toward +z. */
    public static Mat4 rotationX(double radians) {
        float c = (float) Math.cos(radians);
        float s = (float) Math.sin(radians);
        return new Mat4(new float[] {1, 0, 0, 0, 0, c, s, 0, 0, -s, c, 0, 0, 0, 0, 1});
    }

    /** Rotation about y by {@code radians}; positive turns +z toward +x. */
    public static Mat4 rotationY(double radians) {
        float c = (float) Math.cos(radians);
        float s = (float) Math.sin(radians);
        return new Mat4(new float[] {c, 0, -s, 0, 0, 1, 0, 0, s, 0, c, 0, 0, 0, 0, 1});
    }

    /** Rotation about z by {@code radians}; positive turns +x toward +y. */
    public static Mat4 rotationZ(double radians) {
        float c = (float) Math.cos(radians);
        float s = (float) Math.sin(radians);
        return new Mat4(new float[] {c, s, 0, 0, -s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
    }

    /** An OpenGL perspective projection. */
    public static Mat4 perspective(double fovYDegrees, double aspect, double near, double far) {
        double f = 1.0 / Math.tan(Math.toRadians(fovYDegrees) / 2);
        float[] a = new float[16];
        a[0] = (float) (f / aspect);
        a[5] = (float) f;
        a[10] = (float) ((far + near) / (near - far));
        a[11] = -1;
        a[14] = (float) (2 * far * near / (near - far));
        return new Mat4(a);
    }

    /** A view matrix looking from {@code eye} at {@code target} with y up. */
    public static Mat4 lookAt(Vec3 eye, Vec3 target, Vec3 up) {
        Vec3 f = target.minus(eye).normalized();
        Vec3 s = f.cross(up).normalized();
        Vec3 u = s.cross(f);
        return new Mat4(new float[] {
            (float) s.x(), (float) u.x(), (float) -f.x(), 0,
            (float) s.y(), (float) u.y(), (float) -f.y(), 0,
            (float) s.z(), (float) u.z(), (float) -f.z(), 0,
            (float) -s.dot(eye), (float) -u.dot(eye), (float) f.dot(eye), 1});
    }

    /**
     * The rigid transform of a pose: rotation by the unit quaternion ({@code qx}, {@code qy}, {@code qz}, {@code qw}),
     * then translation to {@code position} (what OpenXR's XrPosef means).
     */
    public static Mat4 pose(double qx, double qy, double qz, double qw, Vec3 position) {
        double n = Math.sqrt(qx * qx + qy * qy + qz * qz + qw * qw);
        if (!(n > 1e-9)) {
            throw new IllegalArgumentException("the orientation quaternion must not be zero");
        }
        double x = qx / n;
        double y = qy / n;
        double z = qz / n;
        double w = qw / n;
        return new Mat4(new float[] {
            (float) (1 - 2 * (y * y + z * z)), (float) (2 * (x * y + w * z)), (float) (2 * (x * z - w * y)), 0,
            (float) (2 * (x * y - w * z)), (float) (1 - 2 * (x * x + z * z)), (float) (2 * (y * z + w * x)), 0,
            (float) (2 * (x * z + w * y)), (float) (2 * (y * z - w * x)), (float) (1 - 2 * (x * x + y * y)), 0,
            (float) position.x(), (float) position.y(), (float) position.z(), 1});
    }

    /**
     * An OpenGL projection from the tangents of a view's four half-angles (OpenXR's XrFovf: left and down are
     * negative angles), possibly asymmetric.
     */
    public static Mat4 projection(double tanLeft, double tanRight, double tanUp, double tanDown, double near,
            double far) {
        double w = tanRight - tanLeft;
        double h = tanUp - tanDown;
        if (!(w > 0) || !(h > 0)) {
            throw new IllegalArgumentException("the field of view is empty: tangents left " + tanLeft + ", right "
                    + tanRight + ", up " + tanUp + ", down " + tanDown);
        }
        float[] a = new float[16];
        a[0] = (float) (2 / w);
        a[5] = (float) (2 / h);
        a[8] = (float) ((tanRight + tanLeft) / w);
        a[9] = (float) ((tanUp + tanDown) / h);
        a[10] = (float) (-(far + near) / (far - near));
        a[11] = -1;
        a[14] = (float) (-2 * far * near / (far - near));
        return new Mat4(a);
    }

    /** The inverse of a rigid transform (rotation and translation only), e.g. a view matrix from an eye's pose. */
    public Mat4 inverseRigid() {
        float[] r = new float[16];
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < 3; row++) {
                r[c * 4 + row] = m[row * 4 + c];
            }
        }
        for (int row = 0; row < 3; row++) {
            r[12 + row] = -(r[row] * m[12] + r[4 + row] * m[13] + r[8 + row] * m[14]);
        }
        r[15] = 1;
        return new Mat4(r);
    }

    /** This matrix applied to the direction {@code d} (w = 0). */
    public Vec3 transformDirection(Vec3 d) {
        return new Vec3(m[0] * d.x() + m[4] * d.y() + m[8] * d.z(), m[1] * d.x() + m[5] * d.y() + m[9] * d.z(),
                m[2] * d.x() + m[6] * d.y() + m[10] * d.z());
    }

    public Mat4 times(Mat4 o) {
        float[] r = new float[16];
        for (int c = 0; c < 4; c++) {
            for (int row = 0; row < 4; row++) {
                float sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += m[k * 4 + row] * o.m[c * 4 + k];
                }
                r[c * 4 + row] = sum;
            }
        }
        return new Mat4(r);
    }

    /** This matrix applied to the point {@code p} (w = 1), divided by w. */
    public Vec3 transformPoint(Vec3 p) {
        double x = m[0] * p.x() + m[4] * p.y() + m[8] * p.z() + m[12];
        double y = m[1] * p.x() + m[5] * p.y() + m[9] * p.z() + m[13];
        double z = m[2] * p.x() + m[6] * p.y() + m[10] * p.z() + m[14];
        double w = m[3] * p.x() + m[7] * p.y() + m[11] * p.z() + m[15];
        return new Vec3(x / w, y / w, z / w);
    }

    /**
     * The inverse transpose of the upper-left 3x3, column-major in 9 floats: what transforms normals. Writes into
     * {@code out}.
     */
    public void normalMatrix(float[] out) {
        double a = m[0];
        double b = m[4];
        double c = m[8];
        double d = m[1];
        double e = m[5];
        double f = m[9];
        double g = m[2];
        double h = m[6];
        double i = m[10];
        double co00 = e * i - f * h;
        double co01 = -(d * i - f * g);
        double co02 = d * h - e * g;
        double det = a * co00 + b * co01 + c * co02;
        double inv = det == 0 ? 0 : 1 / det;
        // inverse transpose = cofactor matrix / det; stored column-major
        double co10 = -(b * i - c * h);
        double co11 = a * i - c * g;
        double co12 = -(a * h - b * g);
        double co20 = b * f - c * e;
        double co21 = -(a * f - c * d);
        double co22 = a * e - b * d;
        out[0] = (float) (co00 * inv);
        out[1] = (float) (co10 * inv);
        out[2] = (float) (co20 * inv);
        out[3] = (float) (co01 * inv);
        out[4] = (float) (co11 * inv);
        out[5] = (float) (co21 * inv);
        out[6] = (float) (co02 * inv);
        out[7] = (float) (co12 * inv);
        out[8] = (float) (co22 * inv);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mat4 other && Arrays.equals(m, other.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        return "Mat4" + Arrays.toString(m);
    }
}
