#include "store/snapshotcheck.h"

#include "security/commandsigner.h"
#include "state/citybooks.h"
#include "store/storereader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

namespace cityops::snapshotcheck {
namespace {

constexpr size_t kChunk = 50'000;

/// The bytes a snapshot codec lays out for a state holding only what `fill` puts in it: two parts compare equal when
/// their bytes do, the codec being the one definition of what a snapshot keeps.
template <class Fill>
QByteArray bytesOf(Fill fill)
{
    Snapshot s;
    fill(s);
    return snapshotcodec::layout(s);
}

/// Names the first element of a book's list that differs between the snapshot and the rebuilt books, matched by id.
template <class T, class IdOf, class Put>
QString firstDifference(const std::vector<T> &stored, const std::vector<T> &rebuilt, const QString &noun, IdOf idOf, Put put)
{
    std::unordered_map<std::uint64_t, const T *> made;
    for (const T &item : rebuilt)
        made.emplace(idOf(item), &item);
    for (const T &item : stored) {
        const auto it = made.find(idOf(item));
        if (it == made.end())
            return QStringLiteral("it holds %1 %2, which the events before it do not").arg(noun).arg(idOf(item));
        if (bytesOf([&](Snapshot &s) { put(s, item); }) != bytesOf([&](Snapshot &s) { put(s, *it->second); }))
            return QStringLiteral("its %1 %2 is not as the events before it make it").arg(noun).arg(idOf(item));
        made.erase(it);
    }
    if (!made.empty()) {
        std::uint64_t first = UINT64_MAX;
        for (const auto &[id, item] : made)
            first = std::min(first, id);
        return QStringLiteral("it lacks %1 %2, which the events before it hold").arg(noun).arg(first);
    }
    return {};
}

/// What differs between a stored snapshot and the books rebuilt to the same event, for a person: the first device,
/// incident, alarm or order, else the part.
QString whatDiffers(const CityModel &city, const CityBooks::State &stored, const CityBooks::State &rebuilt)
{
    for (size_t i = 0; i < std::min(stored.states.size(), rebuilt.states.size()); ++i)
        if (bytesOf([&](Snapshot &s) { s.states = {stored.states[i]}; }) != bytesOf([&](Snapshot &s) { s.states = {rebuilt.states[i]}; }))
            return QStringLiteral("its state of device %1 is not as the events before it make it")
                .arg(i < city.devices.size() ? city.devices[i].id : QString::number(i));
    if (stored.states.size() != rebuilt.states.size())
        return QStringLiteral("it holds %1 device states where the city has %2").arg(stored.states.size()).arg(rebuilt.states.size());
    QString found = firstDifference(stored.incidents, rebuilt.incidents, QStringLiteral("incident #"),
                                    [](const Incident &i) { return std::uint64_t(i.id); },
                                    [](Snapshot &s, const Incident &i) { s.incidents = {i}; });
    if (found.isEmpty())
        found = firstDifference(stored.alarms.alarms, rebuilt.alarms.alarms, QStringLiteral("alarm"),
                                [](const Alarm &a) { return std::uint64_t(a.id); },
                                [](Snapshot &s, const Alarm &a) { s.alarms.alarms = {a}; });
    if (found.isEmpty())
        found = firstDifference(stored.orders.orders, rebuilt.orders.orders, QStringLiteral("order"),
                                [](const Order &o) { return std::uint64_t(o.id); },
                                [](Snapshot &s, const Order &o) { s.orders.orders = {o}; });
    if (!found.isEmpty())
        return found.replace(QStringLiteral("# "), QStringLiteral("#"));
    const std::pair<const char *, QByteArray (*)(const CityBooks::State &)> parts[] = {
        {"incidents", [](const CityBooks::State &x) { return bytesOf([&](Snapshot &s) { s.incidents = x.incidents; }); }},
        {"feeder-load history", [](const CityBooks::State &x) { return bytesOf([&](Snapshot &s) { s.loads = x.loads; }); }},
        {"alarms", [](const CityBooks::State &x) { return bytesOf([&](Snapshot &s) { s.alarms = x.alarms; }); }},
        {"orders", [](const CityBooks::State &x) { return bytesOf([&](Snapshot &s) { s.orders = x.orders; }); }},
    };
    for (const auto &[name, part] : parts)
        if (part(stored) != part(rebuilt))
            return QStringLiteral("its %1 are not as the events before it make them").arg(QLatin1String(name));
    return QStringLiteral("it is not as the events before it make it");
}

/// The approaches kept beside a snapshot: each must be the last report recorded for its signal by then (the console
/// keeps what it was last told). The rebuilt books may know more signals — a console restarted since had not heard
/// them all again — but never other figures.
QString approachesDiffer(const CityModel &city, const std::vector<Event> &kept, const std::vector<Event> &rebuilt)
{
    std::unordered_map<DeviceIndex, const Event *> made;
    for (const Event &e : rebuilt)
        made.emplace(e.device, &e);
    for (const Event &e : kept) {
        const QString device = e.device < city.devices.size() ? city.devices[e.device].id : QString::number(e.device);
        const auto it = made.find(e.device);
        if (it == made.end())
            return QStringLiteral("the approaches kept beside it hold figures for %1, which no event before it reported").arg(device);
        if (snapshotcodec::encodeApproaches({e}) != snapshotcodec::encodeApproaches({*it->second}))
            return QStringLiteral("the approaches kept beside it for %1 are not the last ones recorded").arg(device);
    }
    return {};
}

void noteUnreadable(Verdict &v, const QString &why)
{
    if (v.unreadable++ == 0)
        v.firstUnreadable = why;
}

/// The seal of the snapshot taken after event `at`, against `key`: empty when it verifies (counted) or there is none
/// (or no key), else what is wrong with it.
Result<QString> sealFinding(StoreReader &reader, const CommandVerifier *key, std::uint64_t at, Verdict &v)
{
    if (!key)
        return QString();
    auto seal = reader.sealAt(at);
    if (!seal)
        return makeError(seal.error());
    if (!seal->has_value())
        return QString();
    const StoreReader::Seal &s = *seal.value();
    if (s.keyId != key->keyId())
        return QStringLiteral("the snapshot taken after event %1 is sealed with key %2, not the given key %3").arg(at).arg(s.keyId, key->keyId());
    if (!key->verify(s.message, s.signature))
        return QStringLiteral("the snapshot taken after event %1 is not as the console sealed it: edited since it was written").arg(at);
    ++v.sealed;
    return QString();
}

} // namespace

Result<Verdict> verify(StoreReader &reader, const CommandVerifier *key, const std::function<bool(std::uint64_t, std::uint64_t)> &progress)
{
    Verdict v;
    const auto tampered = [&v](std::uint64_t at, const QString &sentence) {
        v.intact = false;
        v.badSnapshotSeq = at;
        v.sentence = sentence;
        return v;
    };
    // The verdict to return when the seal of the snapshot after event `at` ends the check (it does not verify, or
    // cannot be read); nothing when the check goes on.
    const auto sealStops = [&](std::uint64_t at) -> std::optional<Result<Verdict>> {
        auto sealed = sealFinding(reader, key, at, v);
        if (!sealed)
            return Result<Verdict>(makeError(sealed.error()));
        if (!sealed->isEmpty())
            return Result<Verdict>(tampered(at, sealed.value()));
        return std::nullopt;
    };
    auto range = reader.range();
    if (!range)
        return makeError(range.error());
    auto pointsRead = reader.snapshotPoints();
    if (!pointsRead)
        return makeError(pointsRead.error());
    const std::vector<std::pair<std::uint64_t, std::int64_t>> points = std::move(pointsRead).value();
    const CityModel &city = reader.city();
    CityBooks books(reader.sharedCity());
    std::uint64_t applied = 0;
    size_t next = 0;
    if (!range->empty() && range->firstSeq > 1) {
        // Retention deleted the start. The snapshot it keeps for what came before stands for deleted events — and
        // for those between it and the first event kept, deleted with them — so it cannot be checked; neither can
        // the next, rebuilt from it without them. Checking starts from the first snapshot readable where the kept
        // events begin, taken as it stands.
        while (next < points.size() && points[next].first + 1 < range->firstSeq)
            ++next;
        for (; next < points.size() && v.anchorSeq == 0; ++next) {
            auto anchor = reader.snapshotAt(points[next].first);
            if (!anchor) {
                noteUnreadable(v, anchor.error());
                continue;
            }
            // Its seal is all that can vouch for it: someone who edited it and wrote every later snapshot again as
            // the books make them from the edited one would pass the rebuild.
            if (auto stop = sealStops(anchor->seq))
                return std::move(*stop);
            v.anchorSealed = v.sealed > 0;
            books.restore(anchor.value());
            auto approaches = reader.approachesAt(anchor->seq);
            if (!approaches)
                return makeError(approaches.error());
            books.applyMeasurements(approaches->value_or(std::vector<Event>{}));
            applied = v.anchorSeq = anchor->seq;
        }
        if (v.anchorSeq == 0) {
            v.sentence = QStringLiteral("no snapshot checked: retention deleted the start of the recording and no snapshot kept after it could be read");
            return v;
        }
    }
    // Which snapshots the console writing at the moment reached says it writes (its session marker): unknown after
    // a snapshot retention kept, until the next marker.
    struct Run {
        bool known = false;
        std::uint8_t writes = 0;
        bool checkedSince = false;   ///< a snapshot of this run checked
    } run{v.anchorSeq == 0, 0, false};
    // The record's word of each sealed snapshot (the event after it): snapshot -> key.
    std::map<std::uint64_t, QString> claims;
    const auto noteEvents = [&](const std::vector<Event> &read) {
        for (const Event &e : read)
            if (const auto *session = std::get_if<SessionPayload>(&e.payload))
                run = Run{true, session->snapshotVersion, false};
            else if (const auto *claim = std::get_if<SnapshotSealPayload>(&e.payload))
                claims.emplace(claim->snapshotSeq, claim->keyId);
    };
    // Held to what the record says: each snapshot it names is there, with a seal of the key it names. No key is
    // needed to see one deleted — the events saying so are chained and signed.
    const auto claimsStop = [&]() -> std::optional<Result<Verdict>> {
        for (const auto &[at, keyId] : claims) {
            const auto point = std::lower_bound(points.begin(), points.end(), at, [](const auto &p, std::uint64_t seq) { return p.first < seq; });
            if (point == points.end() || point->first != at)
                return Result<Verdict>(tampered(at, QStringLiteral("the record says the snapshot taken after event %1 was sealed (event %2), but the "
                                                   "store has no such snapshot: deleted").arg(at).arg(at + 1)));
            auto sealedWith = reader.sealKeyAt(at);
            if (!sealedWith)
                return Result<Verdict>(makeError(sealedWith.error()));
            const std::optional<QString> &with = sealedWith.value();
            if (!with)
                return Result<Verdict>(tampered(at, QStringLiteral("the snapshot taken after event %1 has no seal, though the record says (event %2) the "
                                                   "console sealed it with key %3: its seal was deleted").arg(at).arg(at + 1).arg(keyId)));
            if (*with != keyId)
                return Result<Verdict>(tampered(at, QStringLiteral("the snapshot taken after event %1 is sealed with key %2, though the record says "
                                                   "(event %3) the console sealed it with key %4").arg(at).arg(*with).arg(at + 1).arg(keyId)));
            ++v.claimed;
            v.anchorClaimed = v.anchorClaimed || at == v.anchorSeq;
        }
        return std::nullopt;
    };
    std::vector<Event> events;
    bool gap = false;   // events missing since the last snapshot taken (not recorded: the chain's verdict judges how)
    for (; next < points.size(); ++next) {
        const std::uint64_t at = points[next].first;
        while (applied < at) {
            events.clear();
            if (auto read = reader.readEventSeqs(applied, at, events, kChunk); !read) {
                if (!reader.refusedUnreadable())
                    return makeError(read.error());
                if (auto stop = claimsStop())
                    return std::move(*stop);
                v.stoppedAtSeq = applied + 1;
                v.sentence = QStringLiteral("%1 snapshot(s) rebuilt from their events and found as recorded; those after "
                                            "event %2 not checked: %3").arg(v.checked).arg(applied).arg(read.error());
                return v;
            }
            if (events.empty() || events.front().seq != applied + 1)
                gap = true;
            if (events.empty())
                break;
            books.apply(events);
            applied = events.back().seq;
            noteEvents(events);
            if (progress && !progress(applied, range->lastSeq))
                return makeError(QStringLiteral("cancelled"));
        }
        auto stored = reader.snapshotAt(at);
        if (!stored) {
            noteUnreadable(v, stored.error());
            continue;
        }
        // Its seal after the rebuild, which names what was edited; before it where there is no rebuild.
        if (stored->codecVersion < snapshotcodec::kCheckableVersion) {
            if (auto stop = sealStops(at))
                return std::move(*stop);
            // An earlier release's format where the run that wrote it says it writes a checkable one (its session
            // marker, chained and signed with the events), or — the marker deleted by retention — where this run
            // wrote checkable ones before: the version byte changed so that the snapshot is taken unchecked.
            if (run.writes >= snapshotcodec::kCheckableVersion || (!run.known && run.checkedSince))
                return tampered(at, QStringLiteral("the snapshot taken after event %1 is in an earlier release's format (version %2), "
                                                   "but the console that wrote it writes version %3: edited to escape this check")
                                        .arg(at).arg(stored->codecVersion).arg(snapshotcodec::kCheckableVersion));
            // Written by a release whose books may have worked otherwise: taken as it stands, as the console that
            // carried on from it did, so that the snapshots written since are rebuilt as that console made them.
            books.restore(stored.value(), true);
            gap = false;   // what came before, as it stands
            ++v.earlier;
            continue;
        }
        if (gap) {
            // The console's books held events its record lacks: this snapshot cannot be rebuilt, and stands — its
            // seal, with the key, vouches for it (as for the one retention keeps) — for what came before.
            if (auto stop = sealStops(at))
                return std::move(*stop);
            books.restore(stored.value());
            auto approaches = reader.approachesAt(at);
            if (!approaches)
                return makeError(approaches.error());
            books.applyMeasurements(approaches->value_or(std::vector<Event>{}));
            applied = at;
            gap = false;
            ++v.afterGaps;
            continue;
        }
        const CityBooks::State rebuilt = books.exportState();
        QString differs;
        if (bytesOf([&](Snapshot &s) { static_cast<CityBooks::State &>(s) = stored.value(); })
            != bytesOf([&](Snapshot &s) { static_cast<CityBooks::State &>(s) = rebuilt; }))
            differs = whatDiffers(city, stored.value(), rebuilt);
        if (differs.isEmpty()) {
            auto kept = reader.approachesAt(at);
            if (!kept)
                return makeError(kept.error());
            if (const std::optional<std::vector<Event>> &approaches = kept.value())
                differs = approachesDiffer(city, *approaches, books.traffic().approachReports());
        }
        if (!differs.isEmpty())
            return tampered(at, QStringLiteral("the snapshot taken after event %1 is not as recorded: %2").arg(at).arg(differs));
        if (auto stop = sealStops(at))
            return std::move(*stop);
        ++v.checked;
        run.checkedSince = true;
    }
    // The events after the last snapshot: the word that it is sealed is among them. One that cannot be read here is
    // the chain's to name.
    while (!range->empty() && applied < range->lastSeq) {
        events.clear();
        if (!reader.readEventSeqs(applied, range->lastSeq, events, kChunk) || events.empty())
            break;
        noteEvents(events);
        applied = events.back().seq;
    }
    if (auto stop = claimsStop())
        return std::move(*stop);
    v.sentence = QStringLiteral("%1 snapshot(s) rebuilt from their events and found as recorded").arg(v.checked);
    if (v.anchorSeq != 0) {
        QString start;
        if (v.anchorSealed)
            start = QStringLiteral("its seal verified");
        else if (v.anchorClaimed)
            start = QStringLiteral("sealed, as the record says; the seal not checked, give the key");
        else if (key)
            start = QStringLiteral("not sealed, it is taken as it stands");
        else
            start = QStringLiteral("its seal not checked, give the key");
        v.sentence += QStringLiteral(" (from the one after event %1, which stands for the events retention deleted: %2)").arg(v.anchorSeq).arg(start);
    }
    if (key && v.sealed > 0)
        v.sentence += QStringLiteral("; %1 seal(s) verified with the key").arg(v.sealed)
                      + (v.claimed > 0 ? QStringLiteral(", every one the record says was made among them") : QString());
    else if (!key && v.claimed > 0)
        v.sentence += QStringLiteral("; %1 sealed, as the record says (the seals not checked: give the key)").arg(v.claimed);
    if (v.earlier > 0)
        v.sentence += QStringLiteral("; %1 written by an earlier release, taken as they stand").arg(v.earlier);
    if (v.afterGaps > 0)
        v.sentence += QStringLiteral("; %1 after events the console could not record, taken as they stand").arg(v.afterGaps);
    if (v.unreadable > 0)
        v.sentence += QStringLiteral("; %1 this release cannot read, passed over as replay does (the first: %2)")
                          .arg(v.unreadable).arg(v.firstUnreadable);
    return v;
}

} // namespace cityops::snapshotcheck
