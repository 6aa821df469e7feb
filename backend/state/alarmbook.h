#pragma once

#include "city/citymodel.h"
#include "model/event.h"

#include <QHash>

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace cityops {

/// One alarm in ISA-18.2 terms: active or returned, acknowledged or not, and possibly shelved, out of service or
/// suppressed by design (a consequence of `parent`).
struct Alarm {
    std::uint32_t id = 0;
    DeviceIndex device = kNoDevice;
    AlarmCause cause = AlarmCause::LampFault;
    AlarmPriority priority = AlarmPriority::Low;
    int district = -1;
    bool active = true;
    bool acknowledged = false;
    bool shelved = false;
    std::int64_t shelvedUntilMs = 0;
    bool outOfService = false;
    bool suppressed = false;
    std::uint32_t parent = 0;
    std::int64_t raisedMs = 0;
    std::int64_t changedMs = 0;
    QString acknowledgedBy;
    QString text;
    std::uint64_t version = 0;

    /// Shown to operators: not hidden by a shelf, maintenance or design suppression.
    bool annunciated() const { return !shelved && !outOfService && !suppressed; }
};

/// The alarm list, a pure function of the alarm events (live and replay alike). An alarm leaves the list when it
/// has returned to normal and been acknowledged (unless it is out of service, which keeps it listed). Also keeps
/// when alarms were annunciated over the last hour, for the alarm rate and flood detection.
class AlarmBook {
public:
    explicit AlarmBook(std::shared_ptr<const CityModel> city) : m_city(std::move(city)) {}

    void apply(const std::vector<Event> &events);

    std::uint64_t version() const;
    std::uint64_t snapshot(std::vector<Alarm> &out) const;
    std::optional<Alarm> find(std::uint32_t id) const;
    /// The listed alarm for (device, cause), if any.
    std::optional<Alarm> forDevice(DeviceIndex device, AlarmCause cause) const;
    std::uint32_t lastId() const;
    /// Alarms annunciated in (nowMs - windowMs, nowMs] within `districts` (empty = the whole city).
    int annunciatedSince(std::int64_t nowMs, std::int64_t windowMs, const QList<int> &districts) const;

    struct State {
        std::vector<Alarm> alarms;
        std::vector<std::pair<std::int64_t, int>> recent;   ///< (time, district) of annunciations, last hour
        std::uint32_t lastId = 0;
    };
    State exportState() const;
    void restore(const State &state);

private:
    static quint64 key(DeviceIndex device, AlarmCause cause) { return (quint64(device) << 8) | quint64(cause); }
    void applyOne(const Event &event, const AlarmPayload &p);
    void remove(std::uint32_t id);
    void reindex();

    std::shared_ptr<const CityModel> m_city;
    mutable std::mutex m_mutex;
    std::vector<Alarm> m_alarms;
    QHash<std::uint32_t, size_t> m_byId;
    QHash<quint64, std::uint32_t> m_byKey;
    std::deque<std::pair<std::int64_t, int>> m_recent;
    std::uint32_t m_lastId = 0;
    std::uint64_t m_version = 0;
};

} // namespace cityops
