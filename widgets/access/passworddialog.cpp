#include "access/passworddialog.h"

#include "access/accesscontrol.h"
#include "access/accessoverlay.h"
#include "security/authenticator.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cityops {

namespace {
QLineEdit *passwordField(QWidget *parent, const char *objectName)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(QLatin1String(objectName));
    field->setEchoMode(QLineEdit::Password);
    return field;
}
} // namespace

PasswordDialog::PasswordDialog(AccessControl &access, const QString &name, bool nameFixed, QWidget *parent, const QByteArray &current)
    : QDialog(parent), m_access(access)
{
    setWindowTitle(tr("Change my password"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Your current password, then the new one twice (at least %1 characters; your directory may ask for more).")
                                 .arg(kPasswordMinBytes), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(name, this);
    m_name->setObjectName(QStringLiteral("passwordName"));
    m_name->setReadOnly(nameFixed);
    m_current = passwordField(this, "currentPassword");
    m_next = passwordField(this, "newPassword");
    m_repeat = passwordField(this, "repeatPassword");
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Current password"), m_current);
    form->addRow(tr("New password"), m_next);
    form->addRow(tr("New password again"), m_repeat);
    layout->addLayout(form);
    m_said = AccessOverlay::refusalLabel(this);
    layout->addWidget(m_said);
    auto *buttons = new QDialogButtonBox(this);
    m_set = buttons->addButton(tr("Set password"), QDialogButtonBox::AcceptRole);
    m_set->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &PasswordDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_current->setText(QString::fromUtf8(current));
    (m_name->text().isEmpty() ? m_name : current.isEmpty() ? m_current : m_next)->setFocus();
    setMinimumWidth(460);
}

QString PasswordDialog::said() const { return m_said->isHidden() ? QString() : m_said->text(); }

void PasswordDialog::say(const QString &sentence)
{
    m_said->setText(sentence);
    m_said->setVisible(!sentence.isEmpty());
}

void PasswordDialog::submit()
{
    if (m_name->text().trimmed().isEmpty())
        return say(tr("Type your name."));
    if (m_next->text() != m_repeat->text()) {
        m_next->clear();
        m_repeat->clear();
        m_next->setFocus();
        return say(tr("The two new passwords differ: type the new one twice again."));
    }
    QByteArray current = m_current->text().toUtf8(), next = m_next->text().toUtf8();
    for (QLineEdit *field : {m_current, m_next, m_repeat})
        field->clear();
    m_set->setEnabled(false);
    say(tr("Asking the directory…"));
    m_access.changePassword(m_name->text().trimmed(), std::move(current), std::move(next), this, [this](const SignInOutcome &outcome) {
        m_set->setEnabled(true);
        if (outcome.ok()) {
            m_notice = outcome.notice;
            say({});
            accept();
            return;
        }
        say(outcome.sentence);
        m_current->setFocus();
    });
}

} // namespace cityops
