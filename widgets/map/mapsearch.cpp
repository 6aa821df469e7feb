#include "map/mapsearch.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace cityops {

namespace {

/// The streets of a "street / street" or "street & street" query, or nothing when it names fewer than two.
QStringList junctionQuery(const QString &q)
{
    QStringList parts;
    for (const QString &part : q.split(QRegularExpression(QStringLiteral("[/&]"))))
        if (const QString street = part.trimmed(); !street.isEmpty())
            parts << street;
    return parts.size() >= 2 ? parts : QStringList();
}

/// Whether each part names a different one of the streets (a part may be any piece of its street's name).
bool meetAt(const QStringList &parts, const QStringList &streets, qsizetype part = 0, std::uint32_t used = 0)
{
    if (part == parts.size())
        return true;
    for (qsizetype s = 0; s < streets.size() && s < 32; ++s)
        if (!(used & (1u << s)) && streets[s].contains(parts[part], Qt::CaseInsensitive) && meetAt(parts, streets, part + 1, used | (1u << s)))
            return true;
    return false;
}

} // namespace

std::optional<SearchHit> searchCity(const CityMirror &scene, const QString &query)
{
    const QString q = query.trimmed();
    if (q.isEmpty())
        return std::nullopt;
    const CityModel &city = scene.city();
    // Incident by number.
    QString number = q.startsWith(QLatin1Char('#')) ? q.mid(1) : q;
    bool isNumber = false;
    const uint id = number.toUInt(&isNumber);
    if (isNumber) {
        if (const Incident *i = scene.incident(id)) {
            GeoBox box;
            box.extend(i->position);
            return SearchHit{SearchHit::Kind::Incident, id, box, QStringLiteral("#%1").arg(id)};
        }
    }
    // Device by id, exactly or by a unique prefix.
    DeviceIndex device = city.deviceIndex(q);
    if (device == kNoDevice) {
        for (DeviceIndex d = 0; d < city.devices.size(); ++d) {
            if (city.devices[d].id.startsWith(q, Qt::CaseInsensitive)) {
                if (device != kNoDevice) {
                    device = kNoDevice; // ambiguous
                    break;
                }
                device = d;
            }
        }
    }
    if (device != kNoDevice) {
        GeoBox box;
        box.extend(city.devices[device].position);
        return SearchHit{SearchHit::Kind::Device, device, box, city.devices[device].id};
    }
    // A junction by its streets ("Rudower / Wegedorn", "… & …"): the first signal where they all meet, selected, the
    // map showing it with any other controller of the same junction (a wide one has one per carriageway); other
    // junctions that fit the pieces too are counted, so the operator knows to type more of a name. A junction's
    // whole name (as the completer offers it) is that junction, though a bigger one has the same streets.
    if (const QStringList parts = junctionQuery(q); !parts.isEmpty()) {
        std::vector<std::pair<QString, DeviceIndex>> matches;
        for (const SignalInfo &signal : city.signals)
            if (signal.device < city.devices.size() && meetAt(parts, signalStreets(signal)))
                matches.emplace_back(junctionName(signal), signal.device);
        const auto exact = std::find_if(matches.begin(), matches.end(), [&](const auto &m) { return m.first.compare(q, Qt::CaseInsensitive) == 0; });
        const QString first = matches.empty() ? QString() : exact != matches.end() ? exact->first : matches.front().first;
        SearchHit hit{SearchHit::Kind::Device, 0, {}, {}};
        QSet<QString> others;
        for (const auto &[junction, device] : matches) {
            if (junction != first) {
                if (exact == matches.end())
                    others.insert(junction);
            } else {
                if (!hit.box.isValid())
                    hit.id = device;
                hit.box.extend(city.devices[device].position);
            }
        }
        if (!first.isEmpty()) {
            hit.label = others.isEmpty() ? scene.place(hit.id)
                                         : QCoreApplication::translate("cityops::MapSearch", "%1 (%n other junction(s) match too: type more of a name)",
                                                                       nullptr, int(others.size()))
                                               .arg(scene.place(hit.id));
            return hit;
        }
    }
    // Street by name: all segments of the best-matching name.
    for (int pass = 0; pass < 3; ++pass) {
        QString name;
        for (const Road &road : city.roads) {
            if (road.name.isEmpty())
                continue;
            const bool match = pass == 0 ? road.name.compare(q, Qt::CaseInsensitive) == 0
                             : pass == 1 ? road.name.startsWith(q, Qt::CaseInsensitive)
                                         : road.name.contains(q, Qt::CaseInsensitive);
            if (match) {
                name = road.name;
                break;
            }
        }
        if (name.isEmpty())
            continue;
        SearchHit hit{SearchHit::Kind::Street, 0, {}, name};
        bool first = true;
        for (size_t r = 0; r < city.roads.size(); ++r) {
            if (city.roads[r].name != name)
                continue;
            if (first)
                hit.id = static_cast<std::uint32_t>(r);
            first = false;
            for (const GeoPoint &p : city.roads[r].line)
                hit.box.extend(p);
        }
        return hit;
    }
    return std::nullopt;
}

QStringList searchVocabulary(const CityModel &city)
{
    QSet<QString> words;
    for (const Road &road : city.roads)
        if (!road.name.isEmpty())
            words.insert(road.name);
    for (const DeviceInfo &d : city.devices)
        if (d.kind != DeviceKind::Streetlight)
            words.insert(d.id);
    // Junctions as people name them, so typing one street offers the crossings on it.
    for (const SignalInfo &signal : city.signals)
        if (signalStreets(signal).size() >= 2)
            words.insert(junctionName(signal));
    QStringList list(words.begin(), words.end());
    list.sort(Qt::CaseInsensitive);
    return list;
}

} // namespace cityops
