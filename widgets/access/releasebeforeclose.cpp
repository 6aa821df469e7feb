#include "access/releasebeforeclose.h"

#include "engine/greenwaverun.h"
#include "labels.h"
#include "ops/opsconsole.h"
#include "state/citystatesource.h"

#include <QPushButton>
#include <QTimer>

#include <algorithm>

namespace cityops {

ReleaseBeforeClose::ReleaseBeforeClose(OpsConsole &ops, const CityStateSource &field, std::function<bool(std::uint32_t)> issuedHere,
                                       QWidget *parent)
    : QMessageBox(parent)
    , m_ops(ops)
    , m_field(field)
    , m_issuedHere(std::move(issuedHere))
    , m_poll(new QTimer(this))
{
    setWindowTitle(tr("Close CityOps"));
    setIcon(QMessageBox::Information);
    setText(tr("Releasing the signals the green waves held"));
    m_closeNow = addButton(tr("Close &now"), QMessageBox::DestructiveRole);
    m_keep = addButton(tr("&Keep running"), QMessageBox::RejectRole);
    setDefaultButton(m_keep);
    setEscapeButton(m_keep);
    // A QMessageBox closes itself on any button; the window decides what each means.
    connect(this, &QMessageBox::buttonClicked, this, [this](QAbstractButton *button) {
        m_poll->stop();
        if (button == m_closeNow)
            Q_EMIT closeNow();
        else
            Q_EMIT keepRunning();
    });
    // The field's reports reach the books without a signal per device: looked at four times a second.
    m_poll->setInterval(250);
    connect(m_poll, &QTimer::timeout, this, &ReleaseBeforeClose::check);
}

void ReleaseBeforeClose::start()
{
    const auto waitFor = [this](const std::vector<std::uint32_t> &signals) {
        for (const std::uint32_t signal : signals)
            if (signal < m_field.books().city().signals.size())
                m_held.push_back(m_field.books().city().signals[signal].device);
    };
    QStringList vehicles;
    for (const GreenWaveRun *run : m_ops.waves()) {
        vehicles << run->vehicle();
        waitFor(run->held());
    }
    // An earlier wave that a new one took over may still be asking for a release it asked before: waited for too.
    for (const GreenWaveRun *earlier : m_ops.handedOverWaves())
        waitFor(earlier->releasing());
    // A release already issued leaves its junction pre-empted until the field carries it out, and its wave holds
    // nothing more (it may even have ended, or been taken over): this console's releases under way are watched too.
    std::vector<Order> orders;
    m_field.books().orders().snapshot(orders);
    for (const Order &o : orders)
        if (!o.finished() && m_issuedHere(o.id))
            for (const OrderTarget &t : o.targets)
                if (t.action == CommandAction::SignalRestore && !isTerminal(t.stage))
                    m_held.push_back(t.device);
    std::sort(m_held.begin(), m_held.end());
    m_held.erase(std::unique(m_held.begin(), m_held.end()), m_held.end());
    for (const QString &vehicle : vehicles)   // a wave holding nothing ends at once, out of the list it is taken from
        m_ops.stopWave(vehicle);
    m_poll->start();
    check();
}

std::vector<DeviceIndex> ReleaseBeforeClose::stillHeld() const
{
    std::vector<DeviceIndex> held;
    for (const DeviceIndex device : m_held)
        if (SignalMode(m_field.books().states().state(device).mode) == SignalMode::Preempt)
            held.push_back(device);
    return held;
}

void ReleaseBeforeClose::check()
{
    if (m_said)
        return;
    // Every release asked (a wave is over once its releases are taken, and a release is taken only after its
    // pre-emption was confirmed) and the field no longer reporting any of them pre-empted.
    const int waves = int(m_ops.waves().size() + m_ops.handedOverWaves().size());
    const std::vector<DeviceIndex> held = stillHeld();
    if (waves == 0 && held.empty()) {
        m_said = true;
        m_poll->stop();
        Q_EMIT released();
        return;
    }
    // Named where they stand (the first few), so that whoever closes it anyway knows which junctions to watch.
    const CityModel &city = m_field.books().city();
    const QString list = Labels::firstFew(held.size(), [&](size_t i) {
        return Labels::deviceWithPlace(city.devices[held[i]].id, Labels::place(city, held[i]));
    });
    const QString waiting = !held.empty() ? tr("%n signal(s) still pre-empted: %1.", nullptr, int(held.size())).arg(list)
                                          : tr("The releases are being asked for.");
    const QString text = tr("The console closes once the field reports every junction the green waves held back on its program. "
                            "%1 Close now to leave them to their controllers (released within 3 min).").arg(waiting);
    if (text != informativeText())   // four times a second: laid out again only when it says something new
        setInformativeText(text);
}

} // namespace cityops
