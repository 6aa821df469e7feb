#include "model/responserules.h"

#include "base/jsonkeys.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace cityops {

namespace {
constexpr std::int64_t kMinute = 60'000;
constexpr int kMaxFileBytes = 4096;
const QString kAckKey = QStringLiteral("acknowledge_within_min");
const QString kOnSceneKey = QStringLiteral("on_scene_within_min");
const QString kHoldKey = QStringLiteral("hold_limit_min");
const QString kPreemptKey = QStringLiteral("preempt_limit_min");

constexpr IncidentSeverity kSeverities[] = {IncidentSeverity::Critical, IncidentSeverity::Major, IncidentSeverity::Minor, IncidentSeverity::Info};

/// A whole number of minutes from `lowest` to `highest`, or a sentence saying what `what` must be.
Result<std::int64_t> minutes(const QJsonValue &v, const QString &what, std::int64_t lowest, std::int64_t highest)
{
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d != std::floor(d) || d < double(lowest) || d > double(highest))
        return makeError(QStringLiteral("%1 must be a whole number of minutes from %2 to %3").arg(what).arg(lowest).arg(highest));
    return static_cast<std::int64_t>(d) * kMinute;
}

/// Reads one `{"critical": N, …}` object into `field` of each severity's policy.
Status readBySeverity(const QJsonObject &root, const QString &key, std::int64_t SlaPolicy::*field, ResponseRules &rules)
{
    if (!root.contains(key))
        return Ok{};
    if (!root.value(key).isObject())
        return makeError(QStringLiteral("%1 must be an object of minutes by severity (critical, major, minor, info)").arg(key));
    const QJsonObject bySeverity = root.value(key).toObject();
    QStringList known;
    for (const IncidentSeverity s : kSeverities)
        known << incidentSeverityName(s);
    if (const QString unknown = jsonkeys::firstUnknown(bySeverity, known); !unknown.isEmpty())
        return makeError(QStringLiteral("%1 has no severity \"%2\" (critical, major, minor, info)").arg(key, unknown));
    for (const IncidentSeverity s : kSeverities) {
        const QString name = incidentSeverityName(s);
        if (!bySeverity.contains(name))
            continue;
        auto ms = minutes(bySeverity.value(name), QStringLiteral("%1.%2").arg(key, name), 0, ResponseRules::kMaxDeadlineMin);
        if (!ms)
            return makeError(ms.error() + QStringLiteral(" (0: no deadline)"));
        rules.sla[static_cast<size_t>(s)].*field = ms.value();
    }
    return Ok{};
}

QString minutesOf(std::int64_t ms)
{
    return QStringLiteral("%1 min").arg(ms / kMinute);
}
} // namespace

ResponseRules ResponseRules::defaults()
{
    ResponseRules r;
    for (const IncidentSeverity s : kSeverities)
        r.sla[static_cast<size_t>(s)] = cityops::slaFor(s);
    return r;
}

QByteArray ResponseRules::toJson() const
{
    QJsonObject ack, onScene;
    for (const IncidentSeverity s : kSeverities) {
        ack.insert(incidentSeverityName(s), QJsonValue(qint64(slaFor(s).ackWithinMs / kMinute)));
        onScene.insert(incidentSeverityName(s), QJsonValue(qint64(slaFor(s).onSceneWithinMs / kMinute)));
    }
    const QJsonObject root{{kAckKey, ack}, {kOnSceneKey, onScene}, {kHoldKey, QJsonValue(qint64(holdLimitMs / kMinute))},
                           {kPreemptKey, QJsonValue(qint64(preemptLimitMs / kMinute))}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<ResponseRules> ResponseRules::fromJson(const QByteArray &json)
{
    if (json.size() > kMaxFileBytes)
        return makeError(QStringLiteral("response rules are at most %1 bytes; this is %2").arg(kMaxFileBytes).arg(json.size()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("response rules are not JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return makeError(QStringLiteral("response rules must be one JSON object"));
    const QJsonObject root = doc.object();
    if (const QString unknown = jsonkeys::firstUnknown(root, {kAckKey, kOnSceneKey, kHoldKey, kPreemptKey}); !unknown.isEmpty())
        return makeError(QStringLiteral("response rules have no \"%1\" (%2, %3, %4, %5)").arg(unknown, kAckKey, kOnSceneKey, kHoldKey, kPreemptKey));

    ResponseRules rules = defaults();
    rules.cityOwn = true;
    if (auto s = readBySeverity(root, kAckKey, &SlaPolicy::ackWithinMs, rules); !s)
        return makeError(s.error());
    if (auto s = readBySeverity(root, kOnSceneKey, &SlaPolicy::onSceneWithinMs, rules); !s)
        return makeError(s.error());
    if (root.contains(kHoldKey)) {
        auto ms = minutes(root.value(kHoldKey), kHoldKey, 1, kMaxHoldLimitMin);
        if (!ms)
            return makeError(ms.error());
        rules.holdLimitMs = ms.value();
    }
    if (root.contains(kPreemptKey)) {
        auto ms = minutes(root.value(kPreemptKey), kPreemptKey, 1, kMaxPreemptLimitMin);
        if (!ms)
            return makeError(ms.error());
        rules.preemptLimitMs = ms.value();
    }
    // Responders cannot be on scene before anyone acknowledged the incident: such a pair is a typing mistake.
    for (const IncidentSeverity s : kSeverities) {
        const SlaPolicy p = rules.slaFor(s);
        if (p.ackWithinMs > 0 && p.onSceneWithinMs > 0 && p.onSceneWithinMs < p.ackWithinMs)
            return makeError(QStringLiteral("a %1 incident's on-scene time (%2 min) comes before its acknowledgement time (%3 min)")
                                 .arg(incidentSeverityName(s))
                                 .arg(p.onSceneWithinMs / kMinute)
                                 .arg(p.ackWithinMs / kMinute));
    }
    return rules;
}

QString ResponseRules::describe() const
{
    QStringList lines;
    for (const IncidentSeverity s : kSeverities)
        lines << QStringLiteral("%1: %2, %3")
                     .arg(incidentSeverityName(s),
                          slaFor(s).ackWithinMs ? QStringLiteral("acknowledge within %1").arg(minutesOf(slaFor(s).ackWithinMs))
                                                : QStringLiteral("no acknowledgement deadline"),
                          slaFor(s).onSceneWithinMs ? QStringLiteral("on scene within %1").arg(minutesOf(slaFor(s).onSceneWithinMs))
                                                    : QStringLiteral("no on-scene deadline"));
    lines << QStringLiteral("a phase held by hand: an alarm after %1 min").arg(holdLimitMs / kMinute)
          << QStringLiteral("a pre-emption: an alarm after %1 min").arg(preemptLimitMs / kMinute);
    return lines.join(QLatin1Char('\n'));
}

QString ResponseRules::changesFrom(const ResponseRules &before) const
{
    const auto minutes = [](std::int64_t ms) { return ms ? minutesOf(ms) : QStringLiteral("none"); };
    QStringList changes;
    const auto compare = [&](const QString &rule, std::int64_t was, std::int64_t now) {
        if (was != now)
            changes << QStringLiteral("%1: %2 → %3").arg(rule, minutes(was), minutes(now));
    };
    for (const IncidentSeverity s : kSeverities) {
        const QString name = incidentSeverityName(s);
        compare(name + QStringLiteral(" acknowledgement deadline"), before.slaFor(s).ackWithinMs, slaFor(s).ackWithinMs);
        compare(name + QStringLiteral(" on-scene deadline"), before.slaFor(s).onSceneWithinMs, slaFor(s).onSceneWithinMs);
    }
    compare(QStringLiteral("alarm on a phase held by hand after"), before.holdLimitMs, holdLimitMs);
    compare(QStringLiteral("alarm on a pre-emption after"), before.preemptLimitMs, preemptLimitMs);
    if (before.cityOwn != cityOwn)
        changes << (cityOwn ? QStringLiteral("now the city's own rules") : QStringLiteral("now the default rules"));
    return changes.join(QStringLiteral("; "));
}

} // namespace cityops
