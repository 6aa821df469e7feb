// MqttLink: the gateways — which are admitted, which run (their statuses and heartbeats), which are gone, and what each
// may speak for (docs/PROTOCOL.md, "Device reports" and "Presence"). Split from mqttlink.cpp.
#include "link/mqttlink.h"

#include "base/logging.h"
#include "link/districtspokenfor.h"
#include "link/mqttlinkcounters.h"
#include "security/keyringjournal.h"

namespace cityops {
bool MqttLink::admitGateway(const QString &gateway)
{
    // An attacker with a client on the broker could otherwise invent gateways: each name a table entry kept for
    // ever (2.6 million names grew the console by 300 MB), its "offline" status a flood of devices gone, its
    // reports taken as telemetry.
    const bool listed = m_options.knownGateways.isEmpty() || m_options.knownGateways.contains(gateway);
    const bool room = m_gatewayNumbers.contains(gateway) || m_gatewayNumbers.size() < m_options.maxGateways;
    if (listed && room)
        return true;
    ++m_counts->unknownGateway;
    qCDebug(lcLink) << "refused gateway" << gateway << (listed ? "(too many gateways)" : "(not a known gateway)");
    return false;
}

std::optional<QString> MqttLink::deviceHeldByAnother(DeviceIndex device, int gateway)
{
    const int owner = m_gatewayOfDevice[device].load(std::memory_order_relaxed);
    if (owner < 0 || owner == gateway)
        return std::nullopt;
    // Re-homed: its gateway restarted (the boot its status names) and has not reported it since.
    const std::uint64_t running = runningBoot(owner);
    if (running != 0 && running != m_deviceSeq[device].boot())
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    const QString &name = m_gatewayNames[size_t(owner)];
    const auto life = m_gateways.constFind(name);
    if (life != m_gateways.constEnd() && life->silent)
        return std::nullopt;   // failover: its gateway is gone
    return name;
}

std::optional<QString> MqttLink::vehicleHeldByAnother(const QString &vehicle, int gateway)
{
    std::optional<QString> keeper = m_fleet.reportingGateway(vehicle, m_clock->nowMs());
    if (!keeper)
        return std::nullopt;
    const int owner = gatewayNumber(*keeper);
    if (owner == gateway || (!m_servedDistricts[size_t(owner)].empty() && !m_servedDistricts[size_t(gateway)].empty()))
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    const auto life = m_gateways.constFind(*keeper);
    if (life != m_gateways.constEnd() && life->silent)
        return std::nullopt;   // failover: its gateway is gone
    return keeper;
}

bool MqttLink::servesDistrict(int gateway, int district) const
{
    const std::vector<bool> &served = m_servedDistricts[size_t(gateway)];
    return served.empty() || (district >= 0 && size_t(district) < served.size() && served[size_t(district)]);
}

QString MqttLink::districtOrNone(int district) const
{
    const QString name = m_city->districtName(district);
    return name.isEmpty() ? QStringLiteral("no district") : name;
}

QString MqttLink::outsideItsDistricts(int gateway, const Event &event)
{
    const std::optional<int> district = districtSpokenFor(*m_city, event);
    if (!district || servesDistrict(gateway, *district))
        return {};
    if (const auto *vehicle = std::get_if<VehiclePayload>(&event.payload))
        return QStringLiteral("vehicle %1 in %2").arg(vehicle->id, districtOrNone(*district));
    return QStringLiteral("incident %1 in %2").arg(std::get<IncidentRaisedPayload>(event.payload).id).arg(districtOrNone(*district));
}

std::vector<GatewaySummary> MqttLink::gateways() const
{
    std::vector<int> devices;   // by gateway number
    for (DeviceIndex d = 0; d < m_city->devices.size(); ++d)
        if (const int g = m_gatewayOfDevice[d].load(std::memory_order_relaxed); g >= 0) {
            if (devices.size() <= size_t(g))
                devices.resize(size_t(g) + 1, 0);
            ++devices[size_t(g)];
        }
    std::map<QString, GatewaySummary> byName;   // listed (--gateways) or heard, in name order
    for (const QString &name : m_options.knownGateways)
        byName[name].name = name;
    {
        std::lock_guard lock(m_mutex);
        for (size_t number = 0; number < m_gatewayNames.size(); ++number) {   // every gateway that spoke, status or not
            GatewaySummary &g = byName[m_gatewayNames[number]];
            g.name = m_gatewayNames[number];
            g.devices = number < devices.size() ? devices[number] : 0;
            g.clockAheadMs = m_gatewayClocks.aheadMs(int(number));
        }
        for (auto it = m_gateways.cbegin(); it != m_gateways.cend(); ++it) {
            GatewaySummary &g = byName[it.key()];
            g.name = it.key();
            g.heard = true;
            g.running = it->online && !it->silent;
            g.lastHeardMs = it->lastHeardMs;
            g.consoleKeysDiffer = keyringjournal::digestsDiffer(m_ownConsoleKeys, it->consoleKeys).value_or(false);
            g.approverKeysDiffer = keyringjournal::digestsDiffer(m_ownApproverKeys, it->approverKeys).value_or(false);
        }
    }
    std::vector<GatewaySummary> out;
    for (auto &[name, g] : byName) {
        for (int d : m_options.gatewayDistricts.value(name))
            g.districts << m_city->districtName(d);
        out.push_back(std::move(g));
    }
    return out;
}

std::optional<QString> MqttLink::gatewayOf(DeviceIndex device) const
{
    const int g = device < m_city->devices.size() ? m_gatewayOfDevice[device].load(std::memory_order_relaxed) : -1;
    if (g < 0)
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    return size_t(g) < m_gatewayNames.size() ? std::optional(m_gatewayNames[size_t(g)]) : std::nullopt;
}

int MqttLink::gatewayNumber(const QString &gateway)
{
    auto it = m_gatewayNumbers.find(gateway);
    if (it == m_gatewayNumbers.end()) {
        // Bounded by admitGateway (maxGateways), so numbers never alias.
        it = m_gatewayNumbers.insert(gateway, int(m_gatewayNumbers.size()));
        std::vector<bool> &served = m_servedDistricts.emplace_back();
        if (const auto bound = m_options.gatewayDistricts.constFind(gateway); bound != m_options.gatewayDistricts.constEnd()) {
            served.assign(std::max<size_t>(m_city->districts.size(), 1), false);   // bound to none the city has: serves nothing
            for (int d : *bound)
                if (d >= 0 && size_t(d) < m_city->districts.size())
                    served[size_t(d)] = true;
        }
        std::lock_guard lock(m_mutex);
        m_gatewayNames.push_back(gateway);
    }
    return it.value();
}

void MqttLink::onGatewayStatus(const wire::TopicRef &ref, const QByteArray &payload)
{
    if (!admitGateway(ref.gateway))
        return;
    auto parsed = wire::decodePresence(payload);
    if (auto *refused = std::get_if<wire::Refused>(&parsed))
        return refuse(*refused, wire::gatewayStatusTopic(ref.gateway));
    const wire::Presence &status = std::get<wire::Presence>(parsed);
    const int number = gatewayNumber(ref.gateway);
    bool newBoot = false;
    if (status.online && status.boot != 0) {   // the boot it runs: its reports are taken from that one (ReportSequence)
        if (m_runningBoot.size() <= size_t(number))
            m_runningBoot.resize(size_t(number) + 1, 0);
        newBoot = m_runningBoot[size_t(number)] != status.boot;
        m_runningBoot[size_t(number)] = status.boot;
        if (newBoot)
            m_gatewayClocks.forget(number);   // a restart may come with its clock set (an embedded box synced at boot)
    }
    if (status.online)
        expectRoadPicture(ref.gateway, number, newBoot);
    {
        std::lock_guard lock(m_mutex);
        takeStatus(m_gateways[ref.gateway], number, status);
    }
    recordKeyringTurns();
}

void MqttLink::takeStatus(GatewayLife &life, int number, const wire::Presence &status)
{
    life.number = number;
    life.lastHeardMs = m_clock->nowMs();
    life.keepAliveMs = status.online ? status.keepAliveS * 1000LL : 0;
    life.online = status.online;
    if (status.online) {
        life.consoleKeys = status.consoleKeys;
        life.approverKeys = status.approverKeys;
        life.offline.forget();
        if (life.silent)
            m_fullRefreshWanted = true;   // back: its devices report afresh
        life.silent = false;
    } else {
        // Also when it was already declared silent: its devices may have reported again since (a gateway frozen and
        // thawed resumes with reports before its next heartbeat), and a goodbye then must still take them offline.
        life.offline.said(m_clock->nowMs());   // onTimer() decides
    }
}

void MqttLink::expectRoadPicture(const QString &gateway, int number, bool newBoot)
{
    bool running = false;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_gateways.constFind(gateway);
        running = it != m_gateways.constEnd() && it->online && !it->silent;
    }
    if (running && !newBoot)
        return;   // a heartbeat: its picture, or the wait for it, stands
    // Started, back, or met for the first time: until its first picture, its districts are awaited, not "not counted".
    const std::int64_t now = m_clock->nowMs();
    if (std::optional<RoadTrafficPayload> roads = m_roadPictures.expect(number, m_servedDistricts[size_t(number)], now)) {
        flushBatch();
        sink()->push({Event{0, now, kNoDevice, std::move(*roads)}}, Overflow::DropNewest);
    }
}

void MqttLink::gatewayGone(int number, const QString &gateway, const char *why)
{
    std::vector<Event> offline;
    const std::int64_t now = m_clock->nowMs();
    for (DeviceIndex d = 0; d < m_city->devices.size(); ++d)
        if (m_gatewayOfDevice[d].load(std::memory_order_relaxed) == number)
            offline.push_back(Event{0, now, d, PresencePayload{false, QStringLiteral("gateway %1 is gone: %2").arg(gateway, QLatin1String(why))}});
    qCWarning(lcLink) << "gateway" << gateway << "is gone (" << why << "):" << offline.size() << "devices offline";
    // The roads it counted are unknown from now, not as it last counted them for another 90 s.
    if (std::optional<RoadTrafficPayload> roads = m_roadPictures.forget(number, now))
        offline.push_back(Event{0, now, kNoDevice, std::move(*roads)});
    flushBatch();
    sink()->push(std::move(offline), Overflow::DropNewest);
}

} // namespace cityops
