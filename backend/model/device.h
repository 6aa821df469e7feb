#pragma once

#include <QString>

#include <cstdint>

namespace cityops {

/// Dense device index used everywhere inside the process; DeviceId strings exist only at the edges.
using DeviceIndex = std::uint32_t;
constexpr DeviceIndex kNoDevice = 0xffffffffu;

enum class DeviceKind : std::uint8_t { SignalController, Streetlight, Feeder, Substation };
constexpr int kDeviceKindCount = 4;

/// Operating mode of a signal controller (as in ARCHITECTURE §3).
enum class SignalMode : std::uint8_t { Normal, Manual, Flash, Off, Preempt };
/// Held on a phase by a command — a held or advanced phase (`Manual`) or a pre-emption — rather than running its
/// program: off its program on purpose, not faulty.
constexpr bool heldByCommand(SignalMode mode) { return mode == SignalMode::Manual || mode == SignalMode::Preempt; }

/// Hot per-device state: one of these per device in a flat array (see StateStore). Kept to 40 bytes so a city of
/// 100,000 devices fits in 4 MB and a scan for "changed since V" stays in cache. Fields are interpreted by kind.
struct DeviceState {
    std::uint64_t version = 0;      ///< StateStore version at which this entry last changed
    std::int64_t untilMs = 0;       ///< signal: time of the next switch (ms since epoch)
    /// signal: when its present mode began, the time of the report that first showed it; 0 when it was already in it
    /// at the first report of the session (since when is not known); -1 before that first report
    std::int64_t modeSinceMs = -1;
    float value = 0.0f;             ///< feeder: load kW; streetlight: power drawn W
    std::uint16_t phase = 0;        ///< signal: phase index within the current program
    std::uint8_t program = 0;       ///< signal: program index
    std::uint8_t mode = 0;          ///< signal: SignalMode
    std::uint8_t level = 0;         ///< streetlight: dim level % (0 = off)
    bool online = false;            ///< communication status
    bool fault = false;             ///< lamp fault / controller fault
    bool breakerClosed = true;      ///< feeder breaker
    bool reported = false;          ///< the device has reported since the session began
};
static_assert(sizeof(DeviceState) <= 64, "hot device state must stay small");

QString deviceKindName(DeviceKind kind);     ///< stable English key, used in files and logs
QString signalModeName(SignalMode mode);     ///< stable English key

} // namespace cityops
