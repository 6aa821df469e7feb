#pragma once

#include "link/fieldlink.h"

#include <QElapsedTimer>
#include <QTimer>

namespace cityops::bench {

/// A bench's field: on the link's thread, every `periodMs`, it is asked to put in what is due after the wall seconds
/// since it started (a rate the bench sets, whatever the timer's jitter). Commands go nowhere.
class PacedBenchLink : public FieldLink {
public:
    PacedBenchLink(QString name, int periodMs) : m_name(std::move(name)), m_periodMs(periodMs) {}

    void start() override
    {
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, [this] {
            if (!pace(static_cast<double>(m_elapsed.nsecsElapsed()) / 1e9))
                m_timer->stop();
        });
        m_elapsed.start();
        m_timer->start(m_periodMs);
        setStatus(LinkStatus::network(LinkState::Connected, m_name));
    }
    void stop() override
    {
        if (m_timer)
            m_timer->stop();
    }
    void send(const std::vector<DeviceCommand> &) override {}

protected:
    /// Puts in what is due `seconds` after the start; false when it has put in all it will.
    virtual bool pace(double seconds) = 0;

private:
    QString m_name;
    int m_periodMs;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_elapsed;
};

} // namespace cityops::bench
