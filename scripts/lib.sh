# Shared by scripts/run and scripts/test (sourced, not run): install missing Debian packages, configure, build.
# Idempotent: with everything installed and built it only asks ninja whether anything changed.

CITYOPS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CITYOPS_BUILD="${CITYOPS_BUILD_DIR:-$CITYOPS_ROOT/build}"

# What building and running the console needs on Debian 12 (see ../shared/design/ENVIRONMENT.md for why each).
CITYOPS_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev libqt6sql6-sqlite qt6-positioning-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    libqcustomplot-dev libssl-dev libsqlite3-dev libmosquitto-dev libargon2-dev libldap-dev qt6-multimedia-dev
    fonts-dejavu-core fonts-wqy-microhei tzdata
)
# The field through a broker (scripts/stack, the link tests and bench): mosquitto, and openssl to make throwaway
# certificates and command keys.
CITYOPS_STACK_PACKAGES=(mosquitto openssl)
# What the tests need beyond that: ogrinfo checks our GeoPackages, sumo runs the signals in the co-simulation tests
# (and brings the TraCI client the build then links), sumo-tools has the other real networks, faketime starts a
# gateway with its clock set back.
CITYOPS_TEST_PACKAGES=(gdal-bin sumo sumo-tools slapd ldap-utils faketime "${CITYOPS_STACK_PACKAGES[@]}")

cityops_install_packages() {
    local missing=() p
    for p in "$@"; do
        if ! dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed; then
            missing+=("$p")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "cityops: installing ${missing[*]}" >&2
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "cityops: these Debian packages are missing and I am not root and have no sudo: ${missing[*]}" >&2
            exit 1
        fi
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

cityops_build() {
    # Configure every time (a few seconds): optional parts found since the last build — SUMO's TraCI client once
    # scripts/test has installed sumo after scripts/run built without it — are then built too.
    if [ ! -f "$CITYOPS_BUILD/build.ninja" ]; then
        cmake -S "$CITYOPS_ROOT" -B "$CITYOPS_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    else
        cmake -S "$CITYOPS_ROOT" -B "$CITYOPS_BUILD" > /dev/null
    fi
    cmake --build "$CITYOPS_BUILD" --parallel "$(nproc)"
}
