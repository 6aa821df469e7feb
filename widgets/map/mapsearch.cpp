#include "map/mapsearch.h"

#include <QSet>

namespace cityops {

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
    QStringList list(words.begin(), words.end());
    list.sort(Qt::CaseInsensitive);
    return list;
}

} // namespace cityops
