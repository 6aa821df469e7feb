#include "core/engine.h"

#include "core/logging.h"

namespace cityops {

namespace {
constexpr size_t kQueueCapacity = 1 << 17;
}

Engine::Engine(std::shared_ptr<const CityModel> city, QObject *parent)
    : QObject(parent), m_city(std::move(city)), m_queue(kQueueCapacity), m_states(m_city->devices.size()),
      m_loads(m_city)
{
    qRegisterMetaType<cityops::LinkStatus>();
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_states.apply(batch); });
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_incidents.apply(batch); });
    m_sequencer.addConsumer([this](const std::vector<Event> &batch) { m_loads.apply(batch); });
    m_linkThread.setObjectName(QStringLiteral("cityops-link"));
}

Engine::~Engine() { stop(); }

void Engine::start(std::unique_ptr<FieldLink> link)
{
    if (m_running.exchange(true))
        return;
    m_core = std::thread([this] { coreLoop(); });
    m_link = std::move(link);
    m_link->setSink(&m_queue);
    connect(m_link.get(), &FieldLink::statusChanged, this, &Engine::linkStatusChanged, Qt::QueuedConnection);
    m_link->moveToThread(&m_linkThread);
    m_linkThread.start();
    QMetaObject::invokeMethod(m_link.get(), &FieldLink::start, Qt::QueuedConnection);
}

void Engine::stop()
{
    if (!m_running.exchange(false))
        return;
    if (m_link) {
        // Closing the queue first releases a link blocked on a full queue.
        m_queue.close();
        QMetaObject::invokeMethod(m_link.get(), &FieldLink::stop, Qt::BlockingQueuedConnection);
        m_linkThread.quit();
        m_linkThread.wait();
    }
    m_queue.close();
    if (m_core.joinable())
        m_core.join();
}

void Engine::coreLoop()
{
    std::vector<Event> batch;
    while (true) {
        batch.clear();
        const bool open = m_queue.popAll(batch, std::chrono::milliseconds(100));
        if (!batch.empty()) {
            m_sequencer.process(batch);
            m_processed += batch.size();
        }
        if (!open)
            break;
    }
    qCDebug(lcCore) << "core thread finished after" << m_processed.load() << "events";
}

Engine::Stats Engine::stats() const
{
    return {m_processed.load(), m_queue.dropped(), m_sequencer.lastSeq()};
}

LinkStatus Engine::linkStatus() const { return m_link ? m_link->status() : LinkStatus{LinkState::Disconnected, {}}; }

} // namespace cityops
