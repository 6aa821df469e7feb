#pragma once

#include "model/device.h"

#include <QMessageBox>

#include <cstdint>
#include <functional>
#include <vector>

class QTimer;

namespace cityops {

class CityStateSource;
class OpsConsole;

/// "Stop the green waves, then close": the console stops each of its waves in the name of the person closing it,
/// then waits — with this window, not a frozen desk — until every signal the waves held is off its pre-emption in the
/// field's own reports, and only then says `released()`. Until then it says how many are still held; "Close now"
/// (`closeNow()`) leaves them to their controllers (released within 3 min), "Keep running" (`keepRunning()`) keeps the
/// console open with the waves stopped.
///
/// Closing as soon as the releases were asked would not do: on a broker a release is only a command in the outbox
/// until it is sent, and the field's report is what shows the junction free.
class ReleaseBeforeClose : public QMessageBox {
    Q_OBJECT
public:
    /// `issuedHere`: the orders this run of the console follows (Engine::issuedHere, as the close question counts
    /// them): their releases under way are waited for too.
    ReleaseBeforeClose(OpsConsole &ops, const CityStateSource &field, std::function<bool(std::uint32_t)> issuedHere,
                       QWidget *parent = nullptr);
    /// Stops the waves; `released()` may follow at once (nothing was held).
    void start();
    /// Signals the stopped waves held that the field still reports pre-empted.
    std::vector<DeviceIndex> stillHeld() const;
    QPushButton *closeNowButton() const { return m_closeNow; }
    QPushButton *keepRunningButton() const { return m_keep; }

Q_SIGNALS:
    void released();
    void closeNow();
    void keepRunning();

private:
    void check();

    OpsConsole &m_ops;
    const CityStateSource &m_field;
    std::function<bool(std::uint32_t)> m_issuedHere;
    std::vector<DeviceIndex> m_held;
    QTimer *m_poll;
    QPushButton *m_closeNow;
    QPushButton *m_keep;
    bool m_said = false;
};

} // namespace cityops
