#include "ops/greenwavedialog.h"

#include "base/answeron.h"
#include "base/counted.h"

#include "access/accesscontrol.h"
#include "labels.h"
#include "livecity.h"
#include "map/mapview.h"
#include "ops/opsclient.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace cityops {

GreenWaveDialog::GreenWaveDialog(Engine &engine, LiveCity &live, MapView &map, OpsClient &client, AccessControl &access, GeoPoint destination,
                                 const QString &destinationText, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_live(live), m_map(map), m_client(client), m_access(access), m_destination(destination),
      m_destinationText(destinationText), m_vehicles(new QComboBox(this)), m_plan(new QPushButton(tr("&Plan the route"), this)),
      m_send(new QPushButton(tr("&Send with green wave"), this)), m_supervisor(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_status(new QLabel(this)), m_signals(new QListWidget(this))
{
    setWindowTitle(tr("Send an emergency vehicle with a green wave"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Vehicle:"), m_vehicles);
    form->addRow(tr("Destination:"), new QLabel(destinationText, this));
    m_password->setEchoMode(QLineEdit::Password);
    m_supervisor->setPlaceholderText(tr("a supervisor at this console, not you"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_plan, 0, Qt::AlignLeft);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_signals->setMaximumHeight(140);
    layout->addWidget(m_signals);
    auto *approval = new QFormLayout;
    approval->addRow(new QLabel(tr("Every pre-emption of the wave is a high-risk order. A supervisor approves them all now, once:"), this));
    approval->addRow(tr("Supe&rvisor:"), m_supervisor);
    approval->addRow(tr("Pass&word:"), m_password);
    layout->addLayout(approval);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_send, QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    m_send->setEnabled(false);
    connect(m_plan, &QPushButton::clicked, this, &GreenWaveDialog::plan);
    connect(m_send, &QPushButton::clicked, this, &GreenWaveDialog::send);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Another vehicle means another route: the old one is not what would be sent.
    connect(m_vehicles, &QComboBox::currentIndexChanged, this, [this] {
        m_planned.reset();
        clearPreview();
        m_send->setEnabled(false);
    });
    fillVehicles();
}

GreenWaveDialog::~GreenWaveDialog() { clearPreview(); }

void GreenWaveDialog::fillVehicles()
{
    std::vector<VehicleBook::Vehicle> vehicles = m_live.scene().vehicles;
    // Those standing (at their station) first, nearest the destination first: the one to send is near the top.
    std::sort(vehicles.begin(), vehicles.end(), [this](const VehicleBook::Vehicle &a, const VehicleBook::Vehicle &b) {
        if (a.report.parked != b.report.parked)
            return a.report.parked;
        return distanceMetres(a.report.position, m_destination) < distanceMetres(b.report.position, m_destination);
    });
    for (const VehicleBook::Vehicle &v : vehicles)
        m_vehicles->addItem(tr("%1 — %2, %3 km away")
                                .arg(v.report.id, v.report.parked ? tr("standing") : tr("on its way"))
                                .arg(distanceMetres(v.report.position, m_destination) / 1000.0, 0, 'f', 1),
                            v.report.id);
    if (vehicles.empty()) {
        say(tr("No emergency vehicle reports its position: the fleet's location feed is silent (vehicles are tracked in "
               "co-simulation: cityops --traffic sumo, or a gateway started with cityops-sim --traffic sumo)."), true);
        m_plan->setEnabled(false);
    }
}

void GreenWaveDialog::say(const QString &text, bool problem)
{
    m_status->setText(problem ? QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
}

void GreenWaveDialog::clearPreview()
{
    m_live.scene().plannedRoute = PlannedRoute{};
    m_map.sceneChanged();
}

void GreenWaveDialog::plan()
{
    const QString vehicle = m_vehicles->currentData().toString();
    if (vehicle.isEmpty())
        return;
    m_plan->setEnabled(false);
    m_send->setEnabled(false);
    say(tr("Asking the router for %1's way…").arg(vehicle), false);
    m_engine.planRoute(vehicle, m_destination,
                       answerOnMainThread<Result<PlannedRoute>>(this, [](GreenWaveDialog *self, const Result<PlannedRoute> &planned) {
                           self->m_plan->setEnabled(true);
                           if (!planned)
                               return self->say(tr("No route: %1").arg(planned.error()), true);
                           self->showPlan(planned.value());
                       }));
}

void GreenWaveDialog::showPlan(const PlannedRoute &plan)
{
    m_planned = plan;
    // Where it will stand: on the road nearest the destination, short of a junction (docs/TRAFFIC.md, "Send").
    const long parksM = std::lround(distanceMetres(plan.destination, m_destination));
    say(tr("%1 km, about %2 at today's speeds, %n signal(s) on the way — drawn dashed on the map.", nullptr, int(plan.signals.size()))
                .arg(plan.lengthM / 1000.0, 0, 'f', 1)
                .arg(Labels::minutesAndSeconds(std::llround(plan.travelS * 1000.0)))
            + QLatin1Char(' ') + tr("It parks %1 m from the destination.").arg(parksM),
        false);
    m_signals->clear();
    const CityModel &city = m_engine.city();
    for (const SignalAhead &s : plan.signals)
        m_signals->addItem(tr("%1 m — %2").arg(std::lround(s.distanceM)).arg(m_live.scene().deviceName(city.signals[s.signal].device)));
    m_live.scene().plannedRoute = plan;
    m_map.sceneChanged();
    m_send->setEnabled(true);
}

void GreenWaveDialog::send()
{
    if (!m_planned)
        return;
    if (const QString why = m_client.whyNot(Permission::RequestCommand); !why.isEmpty())
        return say(why, true);
    QByteArray password = m_password->text().toUtf8();
    QByteArray keyPassword = password;   // the same password opens the supervisor's approval key
    m_password->clear();
    m_send->setEnabled(false);
    say(tr("Checking the supervisor…"), false);
    const PlannedRoute plan = *m_planned;
    m_access.checkApprover(m_supervisor->text().trimmed(), password, this, [this, plan, keyPassword](const Result<Actor> &approver) mutable {
        if (!approver) {
            keyPassword.fill('\0');
            m_send->setEnabled(true);
            return say(approver.error(), true);
        }
        const Actor who = approver.value();
        m_client.openApprovalKey(who.user, keyPassword, this, [this, plan, who](const OpsClient::ApprovalKey &key) {
            if (!key) {
                m_send->setEnabled(true);
                return say(tr("%1 was not sent: the signals need %2's approval signature for the wave, and %3").arg(plan.vehicle, who.user, key.error()), true);
            }
            sendVehicle(plan, who, key.value());
        });
        keyPassword.fill('\0');
    });
    password.fill('\0');
    keyPassword.fill('\0');
}

void GreenWaveDialog::sendVehicle(const PlannedRoute &plan, const Actor &who, std::shared_ptr<const CommandSigner> approvalKey)
{
    say(tr("Sending %1…").arg(plan.vehicle), false);
    // As the engine's book has it now, before it is sent: the wave times the trip from its setting off after this.
    VehicleBook::Vehicle asSent;
    m_engine.vehicles().find(plan.vehicle, &asSent);
    m_engine.sendRoute(plan, answerOnMainThread<Status>(this, [plan, who, approvalKey, asSent](GreenWaveDialog *self, const Status &sent) {
        if (!sent) {
            self->m_send->setEnabled(true);
            return self->say(tr("%1 was not sent: %2").arg(plan.vehicle, sent.error()), true);
        }
        self->m_engine.recordOperatorAction(OperatorAction::SendVehicle, self->m_client.actor().user,
                                            QStringLiteral("%1 to %2 (%3 km): green wave over %4, pre-approved by %5")
                                                .arg(plan.vehicle, self->m_destinationText)
                                                .arg(plan.lengthM / 1000.0, 0, 'f', 1)
                                                .arg(counted(qint64(plan.signals.size()), "signal"), who.user));
        self->clearPreview();   // from now on the vehicle's own route, as it reports it
        Q_EMIT self->waveApproved(plan.vehicle, who, plan, approvalKey, asSent);
        self->accept();
    }));
}

} // namespace cityops
