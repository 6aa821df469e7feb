#include "panels/commanddialog.h"

#include "base/counted.h"

#include "labels.h"
#include "map/mapstyle.h"
#include "ops/opsclient.h"
#include "ops/opsrules.h"

#include <QComboBox>

#include <array>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cityops {

CommandDialog::CommandDialog(const CityMirror &scene, OpsClient &ops, const CityBooks &books, QWidget *parent)
    : QDialog(parent), m_scene(scene), m_ops(ops), m_books(books)
{
    setWindowTitle(tr("Command devices"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_targetsEdit = new QLineEdit(this);
    m_targetsEdit->setPlaceholderText(tr("device ids, separated by commas"));
    m_action = new QComboBox(this);
    m_value = new QSpinBox(this);
    m_validMinutes = new QSpinBox(this);
    m_validMinutes->setRange(1, 24 * 60);
    m_validMinutes->setValue(15);
    m_validMinutes->setSuffix(tr(" min"));
    m_validMinutes->setToolTip(tr("The order expires after this long (approval included); devices never act on it later"));
    form->addRow(tr("&Targets:"), m_targetsEdit);
    form->addRow(tr("&Action:"), m_action);
    form->addRow(tr("&Value:"), m_value);
    form->addRow(tr("Valid &for:"), m_validMinutes);
    m_preview = new QTableWidget(0, 4, this);
    m_preview->setHorizontalHeaderLabels({tr("Device"), tr("Now"), tr("After"), tr("Held by")});
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->verticalHeader()->hide();
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setAccessibleName(tr("Preview of the changes"));
    m_risk = new QLabel(this);
    m_risk->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: %1;").arg(mapstyle::severityColor(IncidentSeverity::Critical).name()));
    // Holds: said in words, in amber (abnormal), with the two ways on.
    m_holds = new QLabel(this);
    m_holds->setWordWrap(true);
    m_holds->setObjectName(QStringLiteral("holds"));
    m_holds->setStyleSheet(QStringLiteral("QLabel { background: %1; color: black; padding: 6px; }").arg(mapstyle::alarmAmber().name()));
    m_holds->hide();
    m_leaveOut = new QPushButton(tr("&Leave held devices out"), this);
    m_leaveOut->hide();
    m_override = new QLineEdit(this);
    m_override->setPlaceholderText(tr("Supervisor: reason for ordering the held devices anyway (recorded)"));
    m_override->setMaxLength(kMaxNoteLength);
    m_override->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("What will change:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_risk);
    layout->addWidget(m_holds);
    auto *holdActions = new QHBoxLayout;
    holdActions->addWidget(m_leaveOut);
    holdActions->addWidget(m_override, 1);
    layout->addLayout(holdActions);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(640, 420);
    connect(m_targetsEdit, &QLineEdit::editingFinished, this, [this] {
        parseTargets();
        fillActions();
        updatePreview();
    });
    connect(m_action, &QComboBox::currentIndexChanged, this, [this] {
        const auto action = static_cast<CommandAction>(m_action->currentData().toInt());
        const CommandSpec &spec = commandSpec(action);
        m_value->setEnabled(spec.takesValue);
        // Phases are numbered from 1 for people, as in Details; the order carries SUMO's 0-based index.
        const int shift = Labels::takesPhase(action) ? 1 : 0;
        if (spec.takesValue)
            m_value->setRange(spec.minValue + shift, std::min(spec.maxValue, 100) + shift);
        updatePreview();
    });
    connect(m_value, &QSpinBox::valueChanged, this, &CommandDialog::updatePreview);
    connect(m_leaveOut, &QPushButton::clicked, this, &CommandDialog::leaveHeldOut);
    // Typing the reason changes only whether Send may go: the holds found for this order stand.
    connect(m_override, &QLineEdit::textChanged, this, [this] {
        m_reuseHolds = true;
        updatePreview();
        m_reuseHolds = false;
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CommandDialog::send);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

CommandDialog::~CommandDialog()
{
    // Hiding a shown dialog moves the focus, and a line edit losing it says "editing finished": not to a dialog
    // whose members are already gone.
    m_targetsEdit->disconnect(this);
    m_override->disconnect(this);
}

void CommandDialog::setTargets(const std::vector<DeviceIndex> &devices)
{
    m_planMode = false;
    // A lasso over a street catches lamps and signals alike: command the most numerous kind, say what was left.
    const CityModel &city = m_scene.city();
    std::array<int, kDeviceKindCount> perKind{};
    for (DeviceIndex d : devices)
        if (d < city.devices.size())
            ++perKind[static_cast<size_t>(city.devices[d].kind)];
    const auto kind = static_cast<DeviceKind>(std::max_element(perKind.begin(), perKind.end()) - perKind.begin());
    QStringList ids;
    int left = 0;
    for (DeviceIndex d : devices) {
        if (d >= city.devices.size())
            continue;
        if (city.devices[d].kind == kind)
            ids << city.devices[d].id;
        else
            ++left;
    }
    m_targetsEdit->setText(ids.join(QStringLiteral(", ")));
    parseTargets();
    fillActions();
    updatePreview();
    if (left > 0)
        m_risk->setText(m_risk->text() + QLatin1Char(' ')
                        + tr("%n picked device(s) of other kinds left out.", nullptr, left));
}

void CommandDialog::setPlan(const OrderSpec &plan)
{
    m_planMode = true;
    m_plan = plan;
    setWindowTitle(Labels::workflow(plan.workflow));
    m_targetsEdit->setText(plan.description);
    m_targetsEdit->setReadOnly(true);
    m_action->setEnabled(false);
    m_value->setEnabled(false);
    m_validMinutes->setValue(static_cast<int>(std::max<std::int64_t>(1, plan.validForMs / 60'000)));
    updatePreview();
}

void CommandDialog::parseTargets()
{
    m_targets.clear();
    QStringList unknown;
    for (const QString &part : m_targetsEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const DeviceIndex d = m_scene.city().deviceIndex(part.trimmed());
        if (d == kNoDevice)
            unknown << part.trimmed();
        else if (std::find(m_targets.begin(), m_targets.end(), d) == m_targets.end())
            m_targets.push_back(d);
    }
    m_problem->setText(unknown.isEmpty() ? QString() : tr("Unknown device(s): %1", nullptr, int(unknown.size())).arg(unknown.join(QStringLiteral(", "))));
}

void CommandDialog::fillActions()
{
    // The catalogue of the targets' kind; mixed kinds have no common action.
    std::optional<DeviceKind> kind;
    bool mixed = false;
    for (DeviceIndex d : m_targets) {
        const DeviceKind k = m_scene.city().devices[d].kind;
        mixed = mixed || (kind && *kind != k);
        kind = k;
    }
    const QVariant previous = m_action->currentData();
    m_action->clear();
    if (!kind || mixed) {
        if (mixed)
            m_problem->setText(tr("The targets are of different kinds; command one kind at a time."));
        return;
    }
    for (int a = 0; a < kCommandActionCount; ++a)
        if (commandSpec(static_cast<CommandAction>(a)).kind == *kind)
            m_action->addItem(Labels::commandAction(static_cast<CommandAction>(a)), a);
    if (const int i = m_action->findData(previous); i >= 0)
        m_action->setCurrentIndex(i);
}

OrderSpec CommandDialog::spec(QString *problem) const
{
    OrderSpec spec;
    if (m_planMode) {
        spec = m_plan;
    } else if (m_action->count() > 0 && !m_targets.empty()) {
        const auto action = static_cast<CommandAction>(m_action->currentData().toInt());
        spec.description = QStringLiteral("%1 on %2").arg(commandActionName(action), counted(qint64(m_targets.size()), "device"));
        for (DeviceIndex d : m_targets)
            spec.targets.push_back({d, action, commandSpec(action).takesValue ? m_value->value() - (Labels::takesPhase(action) ? 1 : 0) : 0, 0, 0});
    }
    spec.validForMs = std::max<std::int64_t>(spec.validForMs, m_validMinutes->value() * 60'000LL);
    if (!m_planMode)
        spec.validForMs = m_validMinutes->value() * 60'000LL;
    if (spec.targets.empty() && problem)
        *problem = m_problem->text().isEmpty() ? tr("Nothing to command: choose devices and an action.") : m_problem->text();
    spec.interlockOverride = m_override->isVisible() ? m_override->text().trimmed() : QString();
    return spec;
}

QString CommandDialog::riskText() const { return m_risk->text(); }

QString CommandDialog::stateText(DeviceIndex d) const
{
    const DeviceState &s = m_scene.states[d];
    if (!s.reported)
        return tr("no data");
    if (!s.online)
        return tr("offline");
    switch (m_scene.city().devices[d].kind) {
    case DeviceKind::SignalController:
        return tr("%1, program %2, phase %3").arg(Labels::signalMode(SignalMode(s.mode))).arg(s.program).arg(s.phase + 1);   // as in Details
    case DeviceKind::Streetlight: return s.level == 0 ? tr("off") : tr("%1 %").arg(s.level);
    case DeviceKind::Feeder: return s.breakerClosed ? tr("breaker closed, %1 kW").arg(s.value, 0, 'f', 0) : tr("breaker open");
    case DeviceKind::Substation: break;
    }
    return {};
}

QString CommandDialog::afterText(CommandAction action, int value) const
{
    return Labels::commandWithValue(action, value);
}

void CommandDialog::leaveHeldOut()
{
    if (m_planMode) {
        m_plan = withoutHeld(m_plan, m_interlocks);
    } else {
        QStringList ids;
        const OrderSpec rest = withoutHeld(spec(), m_interlocks);
        for (const OrderTargetSpec &t : rest.targets)
            ids << m_scene.city().devices[t.device].id;
        m_targetsEdit->setText(ids.join(QStringLiteral(", ")));
        parseTargets();
    }
    m_override->clear();
    updatePreview();
}

void CommandDialog::setHearing(std::function<bool()> hears)
{
    m_hears = std::move(hears);
    updatePreview();
}

void CommandDialog::updatePreview()
{
    QString problem;
    const OrderSpec s = spec(&problem);
    if (!m_reuseHolds)
        m_interlocks = findInterlocks(m_scene.city(), m_books.incidents(), m_books.alarms(), m_books.orders(), s, m_scene.nowMs, !m_hears || m_hears());
    QHash<DeviceIndex, QStringList> heldBy;
    bool anyFixed = false;   // a hold nobody may override (another order's reservation)
    for (const Interlock &i : m_interlocks) {
        heldBy[i.device] << i.sentence;
        anyFixed = anyFixed || !i.overridable();
    }
    const int shown = std::min<int>(static_cast<int>(s.targets.size()), 500);
    m_preview->setRowCount(shown);
    bool highRisk = false;
    int unchanged = 0;
    for (int r = 0; r < static_cast<int>(s.targets.size()); ++r) {
        const OrderTargetSpec &t = s.targets[static_cast<size_t>(r)];
        highRisk = highRisk || commandSpec(t.action).highRisk;
        const DeviceState &now = m_scene.states[t.device];
        unchanged += now.reported && stateConfirms(t.action, t.value, now, now);
        if (r >= shown)
            continue;
        QString after = afterText(t.action, t.value);
        if (t.offsetMs > 0 || t.step > 0)
            after += tr(" (step %1, from +%2)").arg(t.step + 1).arg(Labels::duration(t.offsetMs));
        // Where it is before its id: the last look before sending is whether it is the right junction.
        m_preview->setItem(r, 0, new QTableWidgetItem(m_scene.deviceName(t.device)));
        m_preview->setItem(r, 1, new QTableWidgetItem(stateText(t.device)));
        m_preview->setItem(r, 2, new QTableWidgetItem(after));
        const auto held = heldBy.constFind(t.device);
        auto *holder = new QTableWidgetItem(held == heldBy.constEnd() ? QString() : held.value().join(QStringLiteral("; ")));
        if (held != heldBy.constEnd()) {
            for (int c = 0; c < 3; ++c) {
                m_preview->item(r, c)->setBackground(mapstyle::alarmAmber());
                m_preview->item(r, c)->setForeground(Qt::black);
            }
            holder->setBackground(mapstyle::alarmAmber());
            holder->setForeground(Qt::black);
            holder->setToolTip(holder->text());
        }
        m_preview->setItem(r, 3, holder);
    }
    m_preview->resizeColumnsToContents();
    QString risk = tr("%n target(s).", nullptr, static_cast<int>(s.targets.size()));
    if (unchanged > 0)
        risk += QLatin1Char(' ') + tr("%n already in that state.", nullptr, unchanged);
    if (highRisk) {
        risk += QLatin1Char(' ') + tr("High risk: a supervisor must approve it before anything is sent. The devices are reserved once approved.");
        m_risk->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;").arg(mapstyle::alarmAmber().name()));
    } else {
        risk += QLatin1Char(' ') + tr("The devices are reserved for this order until each has its result.");
        m_risk->setStyleSheet(QString());
    }
    m_risk->setText(risk);
    const bool held = !heldBy.isEmpty();
    m_holds->setVisible(held);
    m_leaveOut->setVisible(held);
    m_override->setVisible(held && !anyFixed);
    m_override->setEnabled(m_ops.may(Permission::OverrideInterlock));
    if (held) {
        QStringList first;
        for (size_t i = 0; i < m_interlocks.size() && i < 3; ++i)
            first << m_interlocks[i].sentence;
        QString text = tr("%n device(s) held — nothing held is sent without a decision:", nullptr, int(heldBy.size())) + QLatin1Char(' ')
                       + first.join(QStringLiteral("; ")) + QLatin1Char('.');
        if (m_interlocks.size() > 3)
            text += QLatin1Char(' ') + tr("(and %n more, see the list)", nullptr, int(m_interlocks.size() - 3));
        text += QLatin1Char(' ')
                + (anyFixed ? tr("Another order holds a device: leave the held devices out, or wait for that order.")
                            : m_ops.may(Permission::OverrideInterlock)
                                  ? tr("Leave them out, or give a reason to order them anyway.")
                                  : tr("Leave them out, or ask a supervisor to override."));
        m_holds->setText(text);
    }
    // Another order's reservation is not a supervisor's to override: the sentence must not offer it.
    const QString heldProblem = tr("Held devices: leave them out, or a supervisor gives a reason.");
    const QString reservedProblem = tr("Held devices: leave them out, or wait for the order that holds them.");
    if (held && anyFixed)
        problem = problem.isEmpty() ? reservedProblem : problem;
    else if (held && (m_override->text().trimmed().isEmpty() || !m_ops.may(Permission::OverrideInterlock)))
        problem = problem.isEmpty() ? heldProblem : problem;
    else if (m_problem->text() == heldProblem || m_problem->text() == reservedProblem)
        m_problem->clear();   // decided, or left out: the sentence goes with the hold
    if (!m_ops.may(Permission::RequestCommand))
        problem = tr("%1 may not command devices.").arg(m_ops.actor().user);
    if (!problem.isEmpty())
        m_problem->setText(problem);
    for (QAbstractButton *b : m_buttons->buttons())
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(problem.isEmpty() && !s.targets.empty());
}

void CommandDialog::send()
{
    QString problem;
    const OrderSpec s = spec(&problem);
    if (s.targets.empty()) {
        m_problem->setText(problem);
        return;
    }
    m_ops.ask(request::IssueOrder{s}, Labels::workflow(s.workflow));
    accept();
}

} // namespace cityops
