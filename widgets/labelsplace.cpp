// Labels: where things are, as a responder reads it (districts, junctions, streets, "near" a named road). Split from
// labels.cpp.
#include "labels.h"

namespace cityops {

QString Labels::district(const CityModel &city, int district)
{
    if (district < 0 || district >= static_cast<int>(city.districts.size()))
        return tr("outside districts");
    const District &d = city.districts[size_t(district)];
    if (!d.generated)
        return d.name;
    // The importer's compass names (citymodel: cityassets), each translated whole.
    static const char *const compass[] = {
        QT_TR_NOOP("Central"), QT_TR_NOOP("North"), QT_TR_NOOP("South"), QT_TR_NOOP("West"), QT_TR_NOOP("East"),
        QT_TR_NOOP("North-West"), QT_TR_NOOP("North-East"), QT_TR_NOOP("South-West"), QT_TR_NOOP("South-East"),
        QT_TR_NOOP("Central West"), QT_TR_NOOP("Central East")};
    for (const char *name : compass)
        if (d.name == QLatin1String(name))
            return tr(name);
    return d.name;
}

namespace {

/// The junction a signal stands at, by its streets; empty for any other device and for a signal without named links.
QString junctionOf(const CityModel &city, DeviceIndex device)
{
    if (device >= city.devices.size() || city.devices[device].kind != DeviceKind::SignalController)
        return {};
    const int detail = city.devices[device].detail;
    return detail >= 0 && size_t(detail) < city.signals.size() ? junctionName(city.signals[size_t(detail)]) : QString();
}

} // namespace

Labels::Whereabouts Labels::whereabouts(const CityModel &city, const Incident &incident)
{
    // The street a responder drives to: the junction of a signal's incident (a fault, signals dark), the road's own
    // name, or the nearest named street (many service roads and junction links have none), then the district.
    Whereabouts parts;
    parts.street = junctionOf(city, incident.device);   // says more than the road the signal stands on
    if (parts.street.isEmpty())
        parts.street = Labels::street(city, incident.road, incident.position);
    if (incident.district >= 0)
        parts.district = Labels::district(city, incident.district);
    return parts;
}

QString Labels::where(const CityModel &city, const Incident &incident)
{
    return where(whereabouts(city, incident), incident.position);
}

QString Labels::where(const Whereabouts &parts, const GeoPoint &position)
{
    if (!parts.street.isEmpty())
        return parts.district.isEmpty() ? parts.street : streetInDistrict(parts.street, parts.district);
    if (!parts.district.isEmpty())
        return parts.district;
    return QStringLiteral("%1, %2").arg(position.lat, 0, 'f', 5).arg(position.lon, 0, 'f', 5);
}

QString Labels::streetInDistrict(const QString &street, const QString &district)
{
    return tr("%1 · %2").arg(street, district);
}

QString Labels::place(const CityModel &city, DeviceIndex device)
{
    if (device >= city.devices.size())
        return {};
    const DeviceInfo &info = city.devices[device];
    if (QString junction = junctionOf(city, device); !junction.isEmpty())
        return junction;
    const bool light = info.kind == DeviceKind::Streetlight && info.detail >= 0 && size_t(info.detail) < city.streetlights.size();
    return street(city, light ? city.streetlights[size_t(info.detail)].road : -1, info.position);
}

QString Labels::street(const CityModel &city, int road, const GeoPoint &p)
{
    if (road >= 0 && road < int(city.roads.size()) && !city.roads[size_t(road)].name.isEmpty())
        return city.roads[size_t(road)].name;
    if (const int named = city.nearestRoad(p, 250.0, true); named >= 0)
        return tr("near %1").arg(city.roads[size_t(named)].name);
    return {};
}

QString Labels::deviceWithPlace(const QString &id, const QString &place)
{
    return place.isEmpty() ? id : tr("%1 (%2)", "a device's place and its id").arg(place, id);
}

QString Labels::firstFew(size_t count, const std::function<QString(size_t)> &name)
{
    constexpr size_t kNamed = 3;
    QStringList named;
    for (size_t i = 0; i < count && i < kNamed; ++i)
        named << name(i);
    QString said = named.join(QStringLiteral("; "));
    if (count > kNamed)
        said += tr(" and %n more", nullptr, int(count - kNamed));
    return said;
}

QString Labels::trafficNotCounted(const CityModel &city, const std::vector<std::uint16_t> &districts)
{
    if (districts.size() > 1 && districts.size() >= city.districts.size())
        return tr("Traffic not counted in any district");
    return tr("Traffic not counted in %1").arg(firstFew(districts.size(), [&](size_t i) { return district(city, districts[i]); }));
}

QString Labels::trafficAwaited(const CityModel &city, const std::vector<std::uint16_t> &districts)
{
    if (districts.size() > 1 && districts.size() >= city.districts.size())
        return tr("Traffic not yet counted in any district");
    return tr("Traffic not yet counted in %1").arg(firstFew(districts.size(), [&](size_t i) { return district(city, districts[i]); }));
}

} // namespace cityops
