#pragma once

#include "core/simclock.h"
#include "link/fieldlink.h"
#include "city/citymodel.h"

#include <QTimer>

#include <map>
#include <mutex>

namespace cityops::test {

/// A field link with scripted devices, for the command paths: each device accepts, accepts late, rejects, never
/// answers, accepts without ever showing it, or is offline. Devices that act report the state that confirms the
/// command (and keep it, so a restore can be checked). Counts every command it is sent.
class FakeLink : public FieldLink {
    Q_OBJECT
public:
    enum class Behaviour { Accept, AcceptLate, Reject, NeverAnswer, AcceptNoConfirm, Offline };

    FakeLink(std::shared_ptr<const CityModel> city, SimClock *clock, double speed, std::int64_t answerDelayMs, std::int64_t lateDelayMs)
        : m_city(std::move(city)), m_clock(clock), m_speed(speed), m_answerMs(answerDelayMs), m_lateMs(lateDelayMs)
    {
        m_states.resize(m_city->devices.size());
    }

    void script(DeviceIndex device, Behaviour behaviour)
    {
        std::lock_guard lock(m_mutex);
        m_behaviour[device] = behaviour;
    }
    int sends(DeviceIndex device) const
    {
        std::lock_guard lock(m_mutex);
        return m_sends.count(device) ? m_sends.at(device) : 0;
    }
    std::vector<DeviceIndex> sendLog() const
    {
        std::lock_guard lock(m_mutex);
        return m_log;
    }

public Q_SLOTS:
    void start() override
    {
        m_clock->start(QDateTime::currentMSecsSinceEpoch(), m_speed);
        std::vector<Event> events;
        for (DeviceIndex d = 0; d < m_city->devices.size(); ++d) {
            const bool offline = behaviour(d) == Behaviour::Offline;
            events.push_back(Event{0, m_clock->nowMs(), d, PresencePayload{!offline}});
            if (!offline)
                events.push_back(report(d));
        }
        sink()->push(std::move(events), Overflow::Block);
        setStatus(LinkState::Connected, QStringLiteral("fake"));
    }
    void stop() override { setStatus(LinkState::Disconnected, QStringLiteral("fake stopped")); }
    void send(const std::vector<cityops::DeviceCommand> &commands) override
    {
        for (const DeviceCommand &c : commands) {
            Behaviour b;
            {
                std::lock_guard lock(m_mutex);
                ++m_sends[c.device];
                m_log.push_back(c.device);
                b = m_behaviour.count(c.device) ? m_behaviour[c.device] : Behaviour::Accept;
            }
            switch (b) {
            case Behaviour::NeverAnswer:
            case Behaviour::Offline:
                break;
            case Behaviour::Reject:
                later(m_answerMs, [this, c] { answer(c, CommandStage::Rejected, QStringLiteral("local manual control")); });
                break;
            case Behaviour::AcceptNoConfirm:
                later(m_answerMs, [this, c] { answer(c, CommandStage::InProgress, {}); });
                break;
            case Behaviour::Accept:
            case Behaviour::AcceptLate:
                later(b == Behaviour::Accept ? m_answerMs : m_lateMs, [this, c] {
                    answer(c, CommandStage::InProgress, {});
                    act(c);
                });
                break;
            }
        }
    }

private:
    Behaviour behaviour(DeviceIndex d)
    {
        std::lock_guard lock(m_mutex);
        return m_behaviour.count(d) ? m_behaviour[d] : Behaviour::Accept;
    }
    void later(std::int64_t ms, std::function<void()> f) { QTimer::singleShot(std::chrono::milliseconds(ms), this, std::move(f)); }
    void answer(const DeviceCommand &c, CommandStage stage, const QString &reason)
    {
        sink()->push({Event{0, m_clock->nowMs(), c.device, commandAnswer(c, stage, reason)}}, Overflow::Block);
    }
    void act(const DeviceCommand &c)
    {
        DeviceState &s = m_states[c.device];
        switch (c.action) {
        case CommandAction::SignalFlash: s.mode = std::uint8_t(SignalMode::Flash); break;
        case CommandAction::SignalRestore: s.mode = std::uint8_t(SignalMode::Normal); break;
        case CommandAction::SignalHoldPhase: s.mode = std::uint8_t(SignalMode::Manual); s.phase = std::uint16_t(c.value); break;
        case CommandAction::SignalPreempt: s.mode = std::uint8_t(SignalMode::Preempt); s.phase = std::uint16_t(c.value); break;
        case CommandAction::SignalAdvancePhase: s.mode = std::uint8_t(SignalMode::Manual); s.phase = std::uint16_t(s.phase + 1); break;
        case CommandAction::SignalSwitchProgram: s.mode = std::uint8_t(SignalMode::Normal); s.program = std::uint8_t(c.value); break;
        case CommandAction::LightOn: s.level = 100; break;
        case CommandAction::LightOff: s.level = 0; break;
        case CommandAction::LightDim: s.level = std::uint8_t(c.value); break;
        case CommandAction::LightAuto: s.level = 100; break;   // daytime in the photocell's book: full on is "auto" here
        case CommandAction::FeederShed: s.breakerClosed = false; break;
        case CommandAction::FeederRestore: s.breakerClosed = true; break;
        }
        sink()->push({report(c.device)}, Overflow::Block);
    }
    Event report(DeviceIndex d)
    {
        DeviceState &s = m_states[d];
        const std::int64_t now = m_clock->nowMs();
        switch (m_city->devices[d].kind) {
        case DeviceKind::SignalController:
            return Event{0, now, d, SignalPayload{s.program, s.phase, SignalMode(s.mode), 0, false}};
        case DeviceKind::Streetlight:
            if (!m_initialised.count(d)) {
                s.level = 100;
                m_initialised[d] = true;
            }
            return Event{0, now, d, LightPayload{s.level, false, 100.0f * s.level / 100.0f}};
        case DeviceKind::Feeder:
            return Event{0, now, d, FeederPayload{100.0f, s.breakerClosed}};
        case DeviceKind::Substation:
            break;
        }
        return Event{0, now, d, PresencePayload{true}};
    }

    std::shared_ptr<const CityModel> m_city;
    SimClock *m_clock;
    double m_speed;
    std::int64_t m_answerMs, m_lateMs;
    mutable std::mutex m_mutex;
    std::map<DeviceIndex, Behaviour> m_behaviour;
    std::map<DeviceIndex, int> m_sends;
    std::vector<DeviceIndex> m_log;
    std::vector<DeviceState> m_states;
    std::map<DeviceIndex, bool> m_initialised;
};

} // namespace cityops::test
