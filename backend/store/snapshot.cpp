#include "store/snapshot.h"

#include "codec/bytes.h"
#include "codec/eventcodec.h"
#include "store/opssnapshot.h"

#include <QtEndian>

namespace cityops::snapshotcodec {
namespace {
constexpr std::uint32_t kMagic = 0x50414E53; // "SNAP"
constexpr std::uint8_t kVersion = kCheckableVersion;   // 2: incident lifecycle, alarms and orders; 3: when a signal's
                                       // mode began; 4: the console each order was requested at; 5: orders released
                                       // here, and the other consoles' presence; 6: a console out of the keyring;
                                       // 7: as 6, written by books a rebuild can check (snapshotcheck)
constexpr std::uint32_t kMaxIncidents = 1'000'000;
constexpr std::uint32_t kMaxBuckets = 100'000;
} // namespace

QByteArray layout(const Snapshot &s)
{
    ByteWriter w;
    w.u32(kMagic);
    w.u8(kVersion);
    w.i64(static_cast<std::int64_t>(s.seq));
    w.i64(s.timeMs);
    w.u32(static_cast<std::uint32_t>(s.states.size()));
    for (const DeviceState &d : s.states) {
        w.i64(d.untilMs);
        w.f32(d.value);
        w.u16(d.phase);
        w.u8(d.program);
        w.u8(d.mode);
        w.u8(d.level);
        w.u8(static_cast<std::uint8_t>((d.online ? 1 : 0) | (d.fault ? 2 : 0) | (d.breakerClosed ? 4 : 0) | (d.reported ? 8 : 0)));
        w.i64(d.modeSinceMs);
    }
    w.u32(static_cast<std::uint32_t>(s.incidents.size()));
    for (const Incident &i : s.incidents) {
        w.u32(i.id);
        w.u8(static_cast<std::uint8_t>(i.kind));
        w.u8(static_cast<std::uint8_t>(i.severity));
        w.u8(static_cast<std::uint8_t>(i.state));
        w.f64(i.position.lon);
        w.f64(i.position.lat);
        w.u32(static_cast<std::uint32_t>(i.district));
        w.u32(static_cast<std::uint32_t>(i.road));
        w.u32(i.device);
        w.i64(i.raisedMs);
        w.i64(i.resolvedMs);
    }
    const LoadHistory::State &l = s.loads;
    w.u32(static_cast<std::uint32_t>(l.current.size()));
    for (float v : l.current)
        w.f32(v);
    w.i64(l.openBucket);
    w.u32(static_cast<std::uint32_t>(l.series.timesMs.size()));
    for (size_t b = 0; b < l.series.timesMs.size(); ++b) {
        w.i64(l.series.timesMs[b]);
        w.f32(l.series.totalKw[b]);
    }
    for (const auto &feeder : l.series.feederKw)
        for (float v : feeder)
            w.f32(v);
    opssnapshot::writeIncidentExtras(w, s.incidents);
    opssnapshot::writeAlarms(w, s.alarms);
    opssnapshot::writeOrders(w, s.orders);
    return w.data();
}

QByteArray encode(const Snapshot &s)
{
    return qCompress(layout(s), 6);
}

Result<Snapshot> decode(const QByteArray &blob, size_t deviceCount, size_t feederCount)
{
    // qCompress's first four bytes say how large the data was, and qUncompress allocates that much before it
    // inflates anything: a damaged row claiming gigabytes would take them (found by tests/fuzz). A snapshot is the
    // devices' states (tens of bytes each) and the open incidents, alarms and orders: bounded well above that.
    if (blob.size() < 4)
        return makeError(QStringLiteral("snapshot is not valid compressed data"));
    const quint32 claimed = qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(blob.constData()));
    const double limit = 64.0 * 1024 * 1024 + 1024.0 * double(deviceCount);
    if (claimed > limit)
        return makeError(QStringLiteral("snapshot claims %1 MB uncompressed, more than a city of %2 devices can need")
                             .arg(claimed / (1024 * 1024))
                             .arg(deviceCount));
    const QByteArray raw = qUncompress(blob);
    if (raw.isEmpty())
        return makeError(QStringLiteral("snapshot is not valid compressed data"));
    ByteReader r(raw);
    std::uint32_t magic = 0, n = 0;
    std::uint8_t version = 0;
    std::int64_t seq = 0;
    Snapshot s;
    if (!r.u32(&magic) || magic != kMagic || !r.u8(&version) || version < 1 || version > kVersion || !r.i64(&seq) || !r.i64(&s.timeMs)
        || !r.u32(&n))
        return makeError(QStringLiteral("snapshot header is damaged or of an unknown version"));
    if (n != deviceCount)
        return makeError(QStringLiteral("snapshot holds %1 devices, the city has %2").arg(n).arg(deviceCount));
    s.seq = static_cast<std::uint64_t>(seq);
    s.codecVersion = version;
    s.states.resize(n);
    for (DeviceState &d : s.states) {
        std::uint8_t flags = 0;
        if (!r.i64(&d.untilMs) || !r.f32(&d.value) || !r.u16(&d.phase) || !r.u8(&d.program) || !r.u8(&d.mode)
            || !r.u8(&d.level) || !r.u8(&flags) || (version >= 3 && !r.i64(&d.modeSinceMs)))
            return makeError(QStringLiteral("snapshot device records are truncated"));
        d.online = flags & 1;
        d.fault = flags & 2;
        d.breakerClosed = flags & 4;
        d.reported = flags & 8;
    }
    if (!r.u32(&n) || n > kMaxIncidents)
        return makeError(QStringLiteral("snapshot incident count is damaged"));
    s.incidents.resize(n);
    for (Incident &i : s.incidents) {
        std::uint8_t kind = 0, severity = 0, state = 0;
        std::uint32_t district = 0, road = 0;
        if (!r.u32(&i.id) || !r.u8(&kind) || !r.u8(&severity) || !r.u8(&state) || !r.f64(&i.position.lon)
            || !r.f64(&i.position.lat) || !r.u32(&district) || !r.u32(&road) || !r.u32(&i.device) || !r.i64(&i.raisedMs)
            || !r.i64(&i.resolvedMs) || kind > kIncidentKindMax || severity > 3 || state > 7)
            return makeError(QStringLiteral("snapshot incident records are damaged"));
        i.kind = static_cast<IncidentKind>(kind);
        i.severity = static_cast<IncidentSeverity>(severity);
        i.state = static_cast<IncidentState>(state);
        i.district = static_cast<int>(district);
        i.road = static_cast<int>(road);
    }
    LoadHistory::State &l = s.loads;
    if (!r.u32(&n) || n != feederCount)
        return makeError(QStringLiteral("snapshot feeder count does not match the city"));
    l.current.resize(n);
    for (float &v : l.current)
        if (!r.f32(&v))
            return makeError(QStringLiteral("snapshot loads are truncated"));
    std::uint32_t buckets = 0;
    if (!r.i64(&l.openBucket) || !r.u32(&buckets) || buckets > kMaxBuckets)
        return makeError(QStringLiteral("snapshot load history is damaged"));
    l.series.timesMs.resize(buckets);
    l.series.totalKw.resize(buckets);
    for (std::uint32_t b = 0; b < buckets; ++b)
        if (!r.i64(&l.series.timesMs[b]) || !r.f32(&l.series.totalKw[b]))
            return makeError(QStringLiteral("snapshot load history is truncated"));
    l.series.feederKw.assign(feederCount, std::vector<float>(buckets));
    for (auto &feeder : l.series.feederKw)
        for (float &v : feeder)
            if (!r.f32(&v))
                return makeError(QStringLiteral("snapshot feeder history is truncated"));
    if (version >= 2
        && (!opssnapshot::readIncidentExtras(r, s.incidents) || !opssnapshot::readAlarms(r, s.alarms) || !opssnapshot::readOrders(r, s.orders, version)))
        return makeError(QStringLiteral("snapshot incident, alarm or order records are damaged"));
    if (!r.atEnd())
        return makeError(QStringLiteral("snapshot has trailing bytes"));
    return s;
}

QByteArray encodeApproaches(const std::vector<Event> &approaches)
{
    ByteWriter w;
    w.u32(static_cast<std::uint32_t>(approaches.size()));
    for (const Event &e : approaches) {
        w.u32(e.device);
        w.i64(e.timeMs);
        const QByteArray payload = eventcodec::encode(e.payload);
        w.u16(static_cast<std::uint16_t>(payload.size()));
        w.bytes(payload.constData(), size_t(payload.size()));
    }
    return qCompress(w.data(), 6);
}

Result<std::vector<Event>> decodeApproaches(const QByteArray &blob, const CityModel &city)
{
    // As for a snapshot: the size qUncompress would allocate is bounded first (a signal's figures are tens of bytes).
    const double limit = 1024.0 * 1024 + 4096.0 * double(city.signals.size());
    if (blob.size() < 4 || qFromBigEndian<quint32>(reinterpret_cast<const uchar *>(blob.constData())) > limit)
        return makeError(QStringLiteral("a snapshot's approaches are not valid compressed data of this city's size"));
    const QByteArray raw = qUncompress(blob);
    ByteReader r(raw);
    std::uint32_t n = 0;
    if (raw.isEmpty() || !r.u32(&n) || n > city.signals.size())
        return makeError(QStringLiteral("a snapshot's approaches are damaged"));
    std::vector<Event> out;
    out.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
        std::uint32_t device = 0;
        std::int64_t timeMs = 0;
        std::uint16_t size = 0;
        if (!r.u32(&device) || !r.i64(&timeMs) || !r.u16(&size) || r.remaining() < size || device >= city.devices.size()
            || city.devices[device].kind != DeviceKind::SignalController)
            return makeError(QStringLiteral("a snapshot's approaches are damaged (signal %1 of %2)").arg(i + 1).arg(n));
        QByteArray payload(size, Qt::Uninitialized);
        r.bytes(payload.data(), size);   // as many remain: checked
        auto traffic = eventcodec::decode(eventcodec::Kind::Traffic, payload);
        if (!traffic)
            return makeError(QStringLiteral("a snapshot's approaches: %1").arg(traffic.error()));
        out.push_back(Event{0, timeMs, device, std::move(traffic).value()});
    }
    if (!r.atEnd())
        return makeError(QStringLiteral("a snapshot's approaches have trailing bytes"));
    return out;
}

} // namespace cityops::snapshotcodec
