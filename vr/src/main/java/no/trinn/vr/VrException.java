package no.trinn.vr;

import no.trinn.core.TrinnException;

/** What the vr module throws on purpose: a bad scene file, a failed native call, a broken render request. */
public class VrException extends TrinnException {
    public VrException(String message) {
        super(message);
    }

    public VrException(String message, Throwable cause) {
        super(message, cause);
    }
}
