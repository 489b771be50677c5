package no.trinn.vr.scene;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of place a scenario can happen in; each has a scene file {@code scenes/<id>.yaml}. */
public enum SettingKind {
    SHOP_COUNTER("shop-counter"),
    OFFICE_DESK("office-desk"),
    PHARMACY("pharmacy"),
    CAFE("cafe"),
    STREET("street"),
    HOME_DOOR("home-door");

    private final String id;

    SettingKind(String id) {
        this.id = id;
    }

    /** The id used in data files, e.g. {@code shop-counter}. */
    public String id() {
        return id;
    }

    /** The kind with data id {@code id}, if there is one. */
    public static Optional<SettingKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
