# shellcheck shell=bash
# Finds a JDK 21 or newer for ./trinn and .ci/run. Source this file, then call trinn_find_jdk:
#   . "$root/bin/jdk.sh"
#   trinn_find_jdk || exit 1
# On success it exports JAVA_HOME, sets TRINN_JAVA (the java binary) and TRINN_JAVA_MAJOR (e.g. 25), and returns 0.
# On failure it prints one line on stderr saying what it looked for and returns 1.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK in the usual install places.

TRINN_MIN_JAVA=21

# Prints the feature version (8, 17, 21, 25, ...) of the JDK at $1, or nothing if it is not a JDK (no javac).
trinn_jdk_major() {
    local home=$1 version=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
    if [ -r "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$home/release" | head -n 1)
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    case $version in
        1.*) version=${version#1.} ;;
    esac
    version=${version%%[.+-]*}
    case $version in
        '' | *[!0-9]*) return 1 ;;
    esac
    printf '%s\n' "$version"
}

# Prints the candidate JDK homes, one per line, most preferred first.
trinn_jdk_candidates() {
    local java dir
    if [ -n "${JAVA_HOME:-}" ]; then
        printf '%s\n' "$JAVA_HOME"
    fi
    if java=$(command -v java 2>/dev/null); then
        java=$(readlink -f "$java" 2>/dev/null || printf '%s' "$java")
        printf '%s\n' "$(dirname "$(dirname "$java")")"
    fi
    # the usual install places, newest version first
    for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*/jdk* /usr/local/lib/jvm/* \
        /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
        /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
        "$HOME"/.asdf/installs/java/* "$HOME"/.local/share/mise/installs/java/*; do
        [ -d "$dir" ] || continue
        local major
        major=$(trinn_jdk_major "$dir") || continue
        printf '%s\t%s\n' "$major" "$dir"
    done | sort -t "$(printf '\t')" -k1,1nr | cut -f 2
}

trinn_find_jdk() {
    local home major seen="" resolved visited=" "
    while IFS= read -r home; do
        [ -n "$home" ] || continue
        resolved=$(readlink -f "$home" 2>/dev/null || printf '%s' "$home")
        case $visited in
            *" $resolved "*) continue ;;
        esac
        visited="$visited$resolved "
        major=$(trinn_jdk_major "$home") || continue
        seen="$seen ${home} (${major})"
        if [ "$major" -ge "$TRINN_MIN_JAVA" ]; then
            export JAVA_HOME=$home
            TRINN_JAVA=$home/bin/java
            TRINN_JAVA_MAJOR=$major
            return 0
        fi
    done < <(trinn_jdk_candidates)
    if [ -n "$seen" ]; then
        echo "trinn: needs a JDK $TRINN_MIN_JAVA or newer, found only:$seen; install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it" >&2
    else
        echo "trinn: needs a JDK $TRINN_MIN_JAVA or newer and found none (JAVA_HOME, java on PATH, /usr/lib/jvm); install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it" >&2
    fi
    return 1
}

# Adds the flags Maven needs on this JDK to MAVEN_OPTS: from JDK 24 on, Maven 3.9's guice uses sun.misc.Unsafe
# memory access, which prints a warning unless allowed (the flag does not exist before JDK 23).
trinn_maven_opts() {
    if [ "${TRINN_JAVA_MAJOR:-0}" -ge 24 ]; then
        case " ${MAVEN_OPTS:-} " in
            *" --sun-misc-unsafe-memory-access="*) ;;
            *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
        esac
    fi
}
