package no.trinn.vr.render;

import java.util.Optional;
import no.trinn.core.Require;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.avatar.AvatarState;
import no.trinn.vr.scene.CameraPose;
import no.trinn.vr.scene.Scene;

/**
 * Everything one rendered frame shows.
 *
 * @param scene the place
 * @param avatar the character's look
 * @param avatarState the character's pose
 * @param captions the captions
 * @param camera the client's eyes
 * @param pause when present, the calm pause screen with this text is shown over a dimmed scene instead of captions
 */
public record Frame(Scene scene, Avatar avatar, AvatarState avatarState, Captions captions, CameraPose camera,
        Optional<String> pause) {
    /** The text of the pause screen when none is given. */
    public static final String PAUSE_TEXT = "Paused. Take your time.";

    public Frame {
        Require.nonNull(scene, "scene");
        Require.nonNull(avatar, "avatar");
        Require.nonNull(avatarState, "avatarState");
        Require.nonNull(captions, "captions");
        Require.nonNull(camera, "camera");
        Require.nonNull(pause, "pause");
    }

    /** A frame at the scene's own camera, not paused. */
    public static Frame of(Scene scene, Avatar avatar, AvatarState state, Captions captions) {
        return new Frame(scene, avatar, state, captions, scene.camera(), Optional.empty());
    }

    /** This frame as the pause screen showing {@code text}. */
    public Frame paused(String text) {
        return new Frame(scene, avatar, avatarState, captions, camera, Optional.of(Require.nonBlank(text, "text")));
    }

    /** This frame seen from {@code pose}. */
    public Frame withCamera(CameraPose pose) {
        return new Frame(scene, avatar, avatarState, captions, pose, pause);
    }
}
