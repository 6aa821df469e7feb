#include "store/exporter.h"

#include "codec/eventjson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace cityops::exporter {
namespace {

QString isoTime(std::int64_t ms) { return eventjson::isoTime(ms); }

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString quoted = s;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

/// Calls `progress` every few thousand events; false once the caller has cancelled.
class ProgressGate {
public:
    ProgressGate(const Progress &progress, std::int64_t fromMs, std::int64_t toMs) : m_progress(progress), m_from(fromMs), m_to(toMs) {}
    bool operator()(const Event &e)
    {
        if (!m_progress || m_count++ % 4096 != 0)   // the first row, then every 4096th
            return true;
        return m_progress(m_to > m_from ? double(e.timeMs - m_from) / double(m_to - m_from) : 1.0);
    }

private:
    const Progress &m_progress;
    std::int64_t m_from;
    std::int64_t m_to;
    std::uint64_t m_count = 0;
};

} // namespace

namespace {
/// One line per event in the window, after an optional header; write failures are reported once, at the end.
Result<size_t> writeEventLines(StoreReader &reader, std::int64_t fromMs, std::int64_t toMs, QIODevice &out,
                               const QByteArray &header, const std::function<QByteArray(const Event &)> &line,
                               const Progress &progress)
{
    size_t n = 0;
    bool writeFailed = !header.isEmpty() && out.write(header) < 0;
    ProgressGate gate(progress, fromMs, toMs);
    auto s = reader.forEachEventUntil(fromMs, toMs, [&](const Event &e) {
        writeFailed |= out.write(line(e) + '\n') < 0;
        ++n;
        return !writeFailed && gate(e);
    });
    if (!s)
        return makeError(s.error());
    if (writeFailed)
        return makeError(QStringLiteral("cannot write the export: %1").arg(out.errorString()));
    return n;
}
} // namespace

Result<size_t> writeEventsJsonl(StoreReader &reader, std::int64_t fromMs, std::int64_t toMs, QIODevice &out, const Progress &progress)
{
    return writeEventLines(reader, fromMs, toMs, out, {}, [&reader](const Event &e) {
        return QJsonDocument(eventjson::eventToJson(e, reader.city())).toJson(QJsonDocument::Compact);
    }, progress);
}

Result<size_t> writeEventsCsv(StoreReader &reader, std::int64_t fromMs, std::int64_t toMs, QIODevice &out, const Progress &progress)
{
    return writeEventLines(reader, fromMs, toMs, out, "seq,time_ms,time,kind,device,data\n", [&reader](const Event &e) {
        const QJsonObject o = eventjson::eventToJson(e, reader.city());
        return QStringList{QString::number(e.seq), QString::number(e.timeMs), o.value(QLatin1String("time")).toString(),
                           o.value(QLatin1String("kind")).toString(), csvField(o.value(QLatin1String("device")).toString()),
                           csvField(QString::fromUtf8(QJsonDocument(o.value(QLatin1String("data")).toObject()).toJson(QJsonDocument::Compact)))}
            .join(QLatin1Char(','))
            .toUtf8();
    }, progress);
}

Result<size_t> writeIncidentsGeoJson(StoreReader &reader, std::int64_t fromMs, std::int64_t toMs, QIODevice &out, const Progress &progress)
{
    const CityModel &city = reader.city();
    QMap<IncidentId, QJsonObject> features;   // keyed by id: stable, ordered output
    ProgressGate gate(progress, fromMs, toMs);
    auto s = reader.forEachEventUntil(fromMs, toMs, [&](const Event &e) {
        if (const auto *r = std::get_if<IncidentRaisedPayload>(&e.payload)) {
            QJsonObject properties{{"id", static_cast<double>(r->id)}, {"kind", incidentKindName(r->kind)},
                                   {"severity", incidentSeverityName(r->severity)}, {"raised", isoTime(r->sinceMs ? r->sinceMs : e.timeMs)},
                                   {"resolved", QJsonValue()}, {"resolved_by", QJsonValue()}, {"cleared_in_field", QJsonValue()}};
            properties.insert(QStringLiteral("district"), r->district >= 0 && r->district < int(city.districts.size())
                                                              ? QJsonValue(city.districts[r->district].name) : QJsonValue());
            properties.insert(QStringLiteral("road"), r->road >= 0 && r->road < int(city.roads.size())
                                                          ? QJsonValue(city.roads[r->road].name) : QJsonValue());
            properties.insert(QStringLiteral("device"), e.device < city.devices.size() ? QJsonValue(city.devices[e.device].id)
                                                                                       : QJsonValue());
            features.insert(r->id, QJsonObject{{"type", "Feature"},
                                               {"geometry", QJsonObject{{"type", "Point"},
                                                                        {"coordinates", QJsonArray{r->position.lon, r->position.lat}}}},
                                               {"properties", properties}});
        } else if (const auto *c = std::get_if<IncidentClearedPayload>(&e.payload)) {
            // The field says the cause is gone (a lamp back on): not the same as a person resolving the incident.
            auto it = features.find(c->id);
            if (it != features.end()) {
                QJsonObject properties = it->value(QLatin1String("properties")).toObject();
                properties.insert(QStringLiteral("cleared_in_field"), isoTime(e.timeMs));
                it->insert(QStringLiteral("properties"), properties);
            }
        } else if (const auto *u = std::get_if<IncidentUpdatePayload>(&e.payload);
                   u && u->change == IncidentChange::Transition && u->state == IncidentState::Resolved) {
            // Resolved is the responder's step, with who took it.
            auto it = features.find(u->id);
            if (it != features.end()) {
                QJsonObject properties = it->value(QLatin1String("properties")).toObject();
                properties.insert(QStringLiteral("resolved"), isoTime(e.timeMs));
                properties.insert(QStringLiteral("resolved_by"), u->user);
                it->insert(QStringLiteral("properties"), properties);
            }
        }
        return gate(e);
    });
    if (!s)
        return makeError(s.error());
    QJsonArray array;
    for (const QJsonObject &f : features)
        array.append(f);
    const QJsonObject collection{{"type", "FeatureCollection"}, {"features", array}};
    if (out.write(QJsonDocument(collection).toJson(QJsonDocument::Indented)) < 0)
        return makeError(QStringLiteral("cannot write the export: %1").arg(out.errorString()));
    return static_cast<size_t>(array.size());
}

} // namespace cityops::exporter
