#pragma once

#include "city/citymodel.h"
#include "link/wireprotocol.h"

#include <atomic>
#include <functional>
#include <map>
#include <mutex>

namespace cityops {

/// The consoles' shared operations over one broker (docs/PROTOCOL.md, "Operations shared between consoles"):
/// publishes this console's operations on the ops topic, takes in the others', and keeps the shared history of
/// orders and incidents still open so a console that joins late can be handed what it missed. Thread-safe: the link
/// thread shares and hands over, the network thread receives.
class OpsExchange {
public:
    OpsExchange(const CityModel &city, QString consoleId) : m_city(city), m_console(std::move(consoleId)) {}

    /// How a message reaches the broker (QoS 1, not retained); false when it could not be sent. Until it is set
    /// nothing is shared or handed over.
    using Publish = std::function<bool(const QByteArray &topic, const QByteArray &payload)>;
    void setPublisher(Publish publish) { m_publish = std::move(publish); }
    /// Our operations, in the order they happened.
    void share(const std::vector<Event> &events);
    /// A message on the ops topic or on our hand-over topic: the events to apply (none for our own), or a refusal.
    wire::Parsed<std::vector<Event>> receive(const QByteArray &payload, bool handover);
    /// Another console has just come online: publish the history of what is still open to its hand-over topic.
    void handOver(const QString &console);

    std::uint64_t shared() const { return m_shared.load(); }
    std::uint64_t received() const { return m_received.load(); }
    std::uint64_t failures() const { return m_failures.load(); }

private:
    void remember(const Event &event);
    void publish(const QByteArray &topic, const std::vector<Event> &events);

    const CityModel &m_city;
    const QString m_console;
    Publish m_publish;
    std::mutex m_mutex;
    std::map<std::uint32_t, std::vector<Event>> m_openOrders;   ///< shared events of orders not yet finished
    std::map<IncidentId, std::vector<Event>> m_openIncidents;   ///< shared steps on incidents still open
    QString m_handoverFrom;                                     ///< the one console whose hand-over we took
    std::atomic<std::uint64_t> m_shared{0}, m_received{0}, m_failures{0};
};

} // namespace cityops
