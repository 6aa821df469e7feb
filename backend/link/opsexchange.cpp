#include "link/opsexchange.h"

#include "base/logging.h"

namespace cityops {

void OpsExchange::share(const std::vector<Event> &events)
{
    if (!m_publish || events.empty())
        return;
    for (const Event &e : events)
        remember(e);
    publish(wire::opsTopic(), events);
}

wire::Parsed<std::vector<Event>> OpsExchange::receive(const QByteArray &payload, bool handover)
{
    auto parsed = wire::decodeOps(payload, m_city);
    if (auto *refused = std::get_if<wire::Refused>(&parsed))
        return *refused;
    wire::OpsMessage &message = std::get<wire::OpsMessage>(parsed);
    if (message.console == m_console)
        return std::vector<Event>{};
    if (handover) {
        // Every console that was there hands over the same history; one is enough (and applying two would repeat it).
        std::lock_guard lock(m_mutex);
        if (m_handoverFrom.isEmpty())
            m_handoverFrom = message.console;
        if (m_handoverFrom != message.console)
            return std::vector<Event>{};
    }
    m_received += message.events.size();
    for (const Event &e : message.events)
        remember(e);
    return std::move(message.events);
}

void OpsExchange::handOver(const QString &console)
{
    std::vector<Event> events;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[id, history] : m_openIncidents)
            events.insert(events.end(), history.begin(), history.end());
        for (const auto &[order, history] : m_openOrders)
            events.insert(events.end(), history.begin(), history.end());
    }
    if (events.empty() || !m_publish)
        return;
    qCInfo(lcLink) << "handing" << events.size() << "open operations over to" << console;
    publish(wire::handoverTopic(console), events);
}

void OpsExchange::remember(const Event &e)
{
    std::lock_guard lock(m_mutex);
    if (const auto *c = std::get_if<CommandPayload>(&e.payload)) {
        if (c->stage == CommandStage::Finished && e.device == kNoDevice)
            m_openOrders.erase(c->order);
        else
            m_openOrders[c->order].push_back(e);
        return;
    }
    IncidentId id = 0;
    bool ends = false;
    if (const auto *raised = std::get_if<IncidentRaisedPayload>(&e.payload)) {
        id = raised->id;
    } else if (const auto *update = std::get_if<IncidentUpdatePayload>(&e.payload)) {
        id = update->id;
        ends = update->change == IncidentChange::Transition
            && (update->state == IncidentState::Closed || update->state == IncidentState::Cancelled || update->state == IncidentState::Merged);
    }
    if (id == 0)
        return;
    if (ends)
        m_openIncidents.erase(id);
    else
        m_openIncidents[id].push_back(e);
}

void OpsExchange::publish(const QByteArray &topic, const std::vector<Event> &events)
{
    // Chunks well under the ops size limit; one message per chunk, in order.
    constexpr size_t kChunk = 200;
    for (size_t i = 0; i < events.size(); i += kChunk) {
        wire::OpsMessage message{m_console, {}};
        message.events.assign(events.begin() + static_cast<std::ptrdiff_t>(i),
                              events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), i + kChunk)));
        if (m_publish(topic, wire::encodeOps(message, m_city)))
            m_shared += message.events.size();
        else
            ++m_failures;
    }
}

} // namespace cityops
