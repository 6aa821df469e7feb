#pragma once

#include "model/event.h"
#include "model/ops.h"
#include "city/citymodel.h"
#include "state/statestore.h"

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace cityops::test {

/// Scripted field devices without threads or timers, in the manner of QGroundControl's MockLink: each device
/// accepts, accepts late, rejects, never answers, accepts without acting, or is offline. Commands go in with the
/// time they were sent; answers and state reports come out when the test's clock reaches them (due()). Send counts
/// and the order of sends are recorded exactly.
class ScriptedField {
public:
    /// BusyThenLate: the first attempt is refused late ("device busy", after the console has sent its retry), the
    /// retry is accepted late too and acts — the order in which a broker outage delivers them.
    enum class Behaviour { Accept, AcceptLate, Reject, NeverAnswer, AcceptNoConfirm, Offline, BusyThenLate };

    ScriptedField(std::shared_ptr<const CityModel> city, std::int64_t answerMs, std::int64_t lateMs)
        : m_city(std::move(city)), m_answerMs(answerMs), m_lateMs(lateMs), m_states(m_city->devices.size())
    {
    }

    void script(DeviceIndex device, Behaviour behaviour) { m_behaviour[device] = behaviour; }
    int sends(DeviceIndex device) const { return m_sends.count(device) ? m_sends.at(device) : 0; }
    /// Every command sent to `device`, in order (what a device would receive, signatures included).
    std::vector<DeviceCommand> received(DeviceIndex device) const
    {
        const auto it = m_received.find(device);
        return it == m_received.end() ? std::vector<DeviceCommand>{} : it->second;
    }
    const std::vector<DeviceIndex> &sendLog() const { return m_log; }

    /// What the devices report when the link comes up: presence, and the state of every device that is online.
    std::vector<Event> connect(std::int64_t nowMs)
    {
        std::vector<Event> events;
        for (DeviceIndex d = 0; d < m_city->devices.size(); ++d) {
            const bool offline = behaviour(d) == Behaviour::Offline;
            events.push_back(Event{0, nowMs, d, PresencePayload{!offline, {}}});
            if (!offline)
                events.push_back(report(d, nowMs));
        }
        return events;
    }

    void send(const std::vector<DeviceCommand> &commands, std::int64_t nowMs)
    {
        for (const DeviceCommand &c : commands) {
            ++m_sends[c.device];
            m_received[c.device].push_back(c);
            m_log.push_back(c.device);
            switch (const Behaviour b = behaviour(c.device)) {
            case Behaviour::NeverAnswer:
            case Behaviour::Offline:
                break;
            case Behaviour::Reject:
                at(nowMs + m_answerMs, [c](std::int64_t t, std::vector<Event> &out) {
                    out.push_back(Event{0, t, c.device, commandAnswer(c, CommandStage::Rejected, QStringLiteral("local manual control"))});
                });
                break;
            case Behaviour::AcceptNoConfirm:
                at(nowMs + m_answerMs, [c](std::int64_t t, std::vector<Event> &out) {
                    out.push_back(Event{0, t, c.device, commandAnswer(c, CommandStage::InProgress)});
                });
                break;
            case Behaviour::BusyThenLate:
                if (c.attempt == 1) {
                    at(nowMs + m_lateMs, [c](std::int64_t t, std::vector<Event> &out) {
                        out.push_back(Event{0, t, c.device, commandAnswer(c, CommandStage::Rejected, QStringLiteral("device busy"))});
                    });
                    break;
                }
                [[fallthrough]];
            case Behaviour::Accept:
            case Behaviour::AcceptLate:
                at(nowMs + (b == Behaviour::Accept ? m_answerMs : m_lateMs), [this, c](std::int64_t t, std::vector<Event> &out) {
                    out.push_back(Event{0, t, c.device, commandAnswer(c, CommandStage::InProgress)});
                    act(c);
                    out.push_back(report(c.device, t));
                });
                break;
            }
        }
    }

    /// Everything the devices say up to `nowMs`, in time order.
    std::vector<Event> due(std::int64_t nowMs)
    {
        std::vector<Event> out;
        while (!m_agenda.empty() && m_agenda.begin()->first <= nowMs) {
            auto node = m_agenda.extract(m_agenda.begin());
            node.mapped()(node.key(), out);
        }
        return out;
    }
    bool idle() const { return m_agenda.empty(); }
    /// What the device itself holds now (the truth the record must match).
    const DeviceState &fieldState(DeviceIndex d) const { return m_states[d]; }

private:
    using Action = std::function<void(std::int64_t, std::vector<Event> &)>;
    void at(std::int64_t t, Action a) { m_agenda.emplace(t, std::move(a)); }
    Behaviour behaviour(DeviceIndex d) const { return m_behaviour.count(d) ? m_behaviour.at(d) : Behaviour::Accept; }

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
    }

    Event report(DeviceIndex d, std::int64_t now)
    {
        DeviceState &s = m_states[d];
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
        return Event{0, now, d, PresencePayload{true, {}}};
    }

    std::shared_ptr<const CityModel> m_city;
    std::int64_t m_answerMs, m_lateMs;
    std::vector<DeviceState> m_states;
    std::map<DeviceIndex, bool> m_initialised;
    std::map<DeviceIndex, Behaviour> m_behaviour;
    std::map<DeviceIndex, int> m_sends;
    std::map<DeviceIndex, std::vector<DeviceCommand>> m_received;
    std::vector<DeviceIndex> m_log;
    std::multimap<std::int64_t, Action> m_agenda;   ///< what the devices will say, by time (ties in sending order)
};

} // namespace cityops::test
