package no.trinn.vr;

/**
 * Mouth shapes an avatar shows while a character speaks; phonemes from speech synthesis map onto these. The set is
 * small on purpose: a few distinct shapes read better than many similar ones.
 */
public enum Viseme {
    /** Mouth closed, at rest. */
    REST,
    /** Lips pressed together: p, b, m. */
    CLOSED,
    /** Lower lip to upper teeth: f, v. */
    LIP_TEETH,
    /** Tongue between teeth: th. */
    TONGUE_TEETH,
    /** Slightly open, teeth near: s, z, t, d, n, l and most consonants. */
    NARROW,
    /** Wide open: a. */
    OPEN,
    /** Spread lips: e, i. */
    SPREAD,
    /** Rounded lips: o, u, w. */
    ROUND
}
