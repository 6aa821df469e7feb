#pragma once

#include "core/eventqueue.h"
#include "model/ops.h"

#include <QObject>
#include <QString>

namespace cityops {

enum class LinkState { Starting, Connected, Degraded, Disconnected };

struct LinkStatus {
    LinkState state = LinkState::Starting;
    QString description;   ///< e.g. "simulator ×10" or "mqtts://host:8883"
};

/// One interface for every way devices reach the console (simulator, MQTT, SUMO). A link lives on its own thread
/// (the Engine moves it there) and delivers telemetry as Events into the engine's bounded queue; commands go the
/// other way through send(), and every answer comes back as an event.
class FieldLink : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~FieldLink() override = default;

    void setSink(EventQueue *sink) { m_sink = sink; }
    LinkStatus status() const;

public Q_SLOTS:
    /// Called on the link thread once the link is moved there.
    virtual void start() = 0;
    /// Called on the link thread before it quits; must release timers and connections.
    virtual void stop() = 0;
    /// Called on the link thread with commands for devices. Answers arrive later as events.
    virtual void send(const std::vector<cityops::DeviceCommand> &commands) = 0;

Q_SIGNALS:
    void statusChanged(cityops::LinkStatus status);

protected:
    void setStatus(LinkState state, const QString &description);
    EventQueue *sink() const { return m_sink; }

private:
    EventQueue *m_sink = nullptr;
    mutable std::mutex m_statusMutex;
    LinkStatus m_status;
};

} // namespace cityops

Q_DECLARE_METATYPE(cityops::LinkStatus)
