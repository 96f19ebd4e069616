<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>EventSummaryText</name>
    <message>
        <source>%1 %2 account of %3</source>
        <translation>Konto von %3 (%1, %2)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>limits %1 … %2</source>
        <translation>Limits %1 … %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
    <message>
        <source>%1 %2, balance %3</source>
        <translation>%1 %2, Saldo %3</translation>
    </message>
    <message>
        <source>%1 %2 %3 → %4</source>
        <translation>%1 %2 %3 → %4</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>LedgerTerms</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>US Dollar</source>
        <translation>US-Dollar</translation>
    </message>
    <message>
        <source>Euro</source>
        <translation>Euro</translation>
    </message>
    <message>
        <source>British Pound</source>
        <translation>Britisches Pfund</translation>
    </message>
    <message>
        <source>Japanese Yen</source>
        <translation>Japanischer Yen</translation>
    </message>
    <message>
        <source>Bitcoin</source>
        <translation>Bitcoin</translation>
    </message>
    <message>
        <source>Ethereum</source>
        <translation>Ethereum</translation>
    </message>
    <message>
        <source>Loyalty Points</source>
        <translation>Treuepunkte</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Nutzer</translation>
    </message>
    <message>
        <source>External</source>
        <translation>Extern</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>Aufladung</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Überweisung</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>Konto eröffnet</translation>
    </message>
    <message>
        <source>Account status changed</source>
        <translation>Kontostatus geändert</translation>
    </message>
    <message>
        <source>Account limits changed</source>
        <translation>Kontolimits geändert</translation>
    </message>
    <message>
        <source>Account command rejected</source>
        <translation>Kontoänderung abgelehnt</translation>
    </message>
    <message>
        <source>Balance changed</source>
        <translation>Saldo geändert</translation>
    </message>
    <message>
        <source>Top-up requested</source>
        <translation>Aufladung angefordert</translation>
    </message>
    <message>
        <source>Top-up completed</source>
        <translation>Aufladung abgeschlossen</translation>
    </message>
    <message>
        <source>Top-up failed</source>
        <translation>Aufladung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Withdrawal requested</source>
        <translation>Auszahlung angefordert</translation>
    </message>
    <message>
        <source>Withdrawal completed</source>
        <translation>Auszahlung abgeschlossen</translation>
    </message>
    <message>
        <source>Withdrawal failed</source>
        <translation>Auszahlung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Transfer requested</source>
        <translation>Überweisung angefordert</translation>
    </message>
    <message>
        <source>Transfer completed</source>
        <translation>Überweisung abgeschlossen</translation>
    </message>
    <message>
        <source>Transfer failed</source>
        <translation>Überweisung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Payment requested</source>
        <translation>Zahlung angefordert</translation>
    </message>
    <message>
        <source>Payment completed</source>
        <translation>Zahlung abgeschlossen</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Zahlung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Refund requested</source>
        <translation>Erstattung angefordert</translation>
    </message>
    <message>
        <source>Refund completed</source>
        <translation>Erstattung abgeschlossen</translation>
    </message>
    <message>
        <source>Refund failed</source>
        <translation>Erstattung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>PickerSearches</name>
    <message>
        <source>%1 · %2 · %3 %4 · %5</source>
        <translation>%1 · %2 · %3 %4 · %5</translation>
    </message>
    <message>
        <source>%1 account of %2, %3, balance %4 %5 — %6</source>
        <translation>Konto von %2 (%1), %3, Saldo %4 %5 — %6</translation>
    </message>
    <message>
        <source>%1 · paid %2 %3 · %4 refundable · %5</source>
        <translation>%1 · bezahlt %2 %3 · %4 erstattbar · %5</translation>
    </message>
    <message>
        <source>Payment by %2: %3 %4, of which %3 %5 can still be refunded — %1</source>
        <translation>Zahlung von %2: %3 %4, davon noch %3 %5 erstattbar — %1</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <source>Enter an amount.</source>
        <translation>Bitte einen Betrag eingeben.</translation>
    </message>
    <message>
        <source>Use digits with an optional decimal point, like 12.50.</source>
        <translation>Nur Ziffern mit optionalem Dezimalpunkt verwenden, z. B. 12.50.</translation>
    </message>
    <message>
        <source>Write the amount out in full, without an exponent.</source>
        <translation>Den Betrag vollständig ausschreiben, ohne Exponent.</translation>
    </message>
    <message>
        <source>Leave out thousands separators.</source>
        <translation>Keine Tausendertrennzeichen verwenden.</translation>
    </message>
    <message>
        <source>The amount must be a number.</source>
        <translation>Der Betrag muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>The amount must not be negative.</source>
        <translation>Der Betrag darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>The amount must be greater than zero.</source>
        <translation>Der Betrag muss größer als null sein.</translation>
    </message>
    <message>
        <source>This currency allows fewer decimals.</source>
        <translation>Diese Währung erlaubt weniger Nachkommastellen.</translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation>Der Betrag ist zu groß.</translation>
    </message>
    <message>
        <source>This currency is not known.</source>
        <translation>Diese Währung ist unbekannt.</translation>
    </message>
    <message>
        <source>This currency is not in use.</source>
        <translation>Diese Währung wird nicht verwendet.</translation>
    </message>
    <message>
        <source>This value is not valid.</source>
        <translation>Dieser Wert ist ungültig.</translation>
    </message>
    <message>
        <source>This request was already used for a different command.</source>
        <translation>Der Idempotenz-Schlüssel dieser Anfrage wurde bereits für einen anderen Vorgang verwendet.</translation>
    </message>
    <message>
        <source>There is no such account.</source>
        <translation>Dieses Konto existiert nicht.</translation>
    </message>
    <message>
        <source>This account already exists.</source>
        <translation>Dieses Konto existiert bereits.</translation>
    </message>
    <message>
        <source>The account is not active.</source>
        <translation>Das Konto ist nicht aktiv.</translation>
    </message>
    <message>
        <source>The account is closed.</source>
        <translation>Das Konto ist geschlossen.</translation>
    </message>
    <message>
        <source>This account is of the wrong type for this operation.</source>
        <translation>Der Kontotyp ist für diesen Vorgang nicht zulässig.</translation>
    </message>
    <message>
        <source>Choose two different accounts.</source>
        <translation>Bitte zwei verschiedene Konten wählen.</translation>
    </message>
    <message>
        <source>The accounts are in different currencies.</source>
        <translation>Die Konten lauten auf unterschiedliche Währungen.</translation>
    </message>
    <message>
        <source>The account does not hold enough money.</source>
        <translation>Das Konto ist nicht ausreichend gedeckt.</translation>
    </message>
    <message>
        <source>The balance would exceed the account&apos;s maximum.</source>
        <translation>Der Saldo würde den Höchstsaldo des Kontos überschreiten.</translation>
    </message>
    <message>
        <source>The balance would grow beyond what the ledger can hold.</source>
        <translation>Der Saldo würde den im Hauptbuch darstellbaren Höchstwert überschreiten.</translation>
    </message>
    <message>
        <source>Only an account with a zero balance can be closed.</source>
        <translation>Nur ein Konto mit Saldo null kann geschlossen werden.</translation>
    </message>
    <message>
        <source>The account cannot change to that status.</source>
        <translation>Das Konto kann nicht in diesen Status wechseln.</translation>
    </message>
    <message>
        <source>These limits are not valid.</source>
        <translation>Diese Limits sind ungültig.</translation>
    </message>
    <message>
        <source>The current balance lies outside these limits.</source>
        <translation>Der aktuelle Saldo liegt außerhalb dieser Limits.</translation>
    </message>
    <message>
        <source>There is no such transaction.</source>
        <translation>Diese Buchung existiert nicht.</translation>
    </message>
    <message>
        <source>Only payments can be refunded.</source>
        <translation>Nur Zahlungen können erstattet werden.</translation>
    </message>
    <message>
        <source>The payment did not complete.</source>
        <translation>Die Zahlung wurde nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>The refund is more than what is left of the payment.</source>
        <translation>Die Erstattung übersteigt den verbleibenden Betrag der Zahlung.</translation>
    </message>
    <message>
        <source>The ledger was too busy; try again.</source>
        <translation>Das Hauptbuch war ausgelastet; bitte erneut versuchen.</translation>
    </message>
    <message>
        <source>The ledger could not be written.</source>
        <translation>In das Hauptbuch konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>This desk is read-only.</source>
        <translation>Billing Desk läuft im Nur-Lese-Modus.</translation>
    </message>
    <message>
        <source>The ledger&apos;s log is not what was written; Verify ledger names the event.</source>
        <translation>Das Protokoll des Hauptbuchs ist nicht, was geschrieben wurde; „Hauptbuch prüfen“ nennt das Ereignis.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>StatementPdf</name>
    <message>
        <source>&lt;h2&gt;Account statement&lt;/h2&gt;&lt;p&gt;Account %1, owner %2, currency %3&lt;br&gt;Period %4 to %5&lt;/p&gt;&lt;p&gt;&lt;b&gt;Opening balance: %6&lt;/b&gt;&lt;/p&gt;&lt;table border=1 cellspacing=0 cellpadding=3 width=100%&gt;&lt;tr&gt;&lt;th&gt;Position&lt;/th&gt;&lt;th&gt;Time (UTC)&lt;/th&gt;&lt;th&gt;Type&lt;/th&gt;&lt;th&gt;Transaction&lt;/th&gt;&lt;th&gt;Amount&lt;/th&gt;&lt;th&gt;Balance&lt;/th&gt;&lt;/tr&gt;%7&lt;/table&gt;&lt;p&gt;&lt;b&gt;Closing balance: %8&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Kontoauszug&lt;/h2&gt;&lt;p&gt;Konto %1, Inhaber %2, Währung %3&lt;br&gt;Zeitraum %4 bis %5&lt;/p&gt;&lt;p&gt;&lt;b&gt;Eröffnungssaldo: %6&lt;/b&gt;&lt;/p&gt;&lt;table border=1 cellspacing=0 cellpadding=3 width=100%&gt;&lt;tr&gt;&lt;th&gt;Position&lt;/th&gt;&lt;th&gt;Zeit (UTC)&lt;/th&gt;&lt;th&gt;Typ&lt;/th&gt;&lt;th&gt;Buchung&lt;/th&gt;&lt;th&gt;Betrag&lt;/th&gt;&lt;th&gt;Saldo&lt;/th&gt;&lt;/tr&gt;%7&lt;/table&gt;&lt;p&gt;&lt;b&gt;Schlusssaldo: %8&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Account statement %1</source>
        <translation>Kontoauszug %1</translation>
    </message>
</context>
<context>
    <name>TableExport</name>
    <message>
        <source>Exporting rows…</source>
        <translation>Zeilen werden exportiert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Exporting rows… %n written</source>
        <translation>
            <numerusform>Zeilen werden exportiert… %n Zeile geschrieben</numerusform>
            <numerusform>Zeilen werden exportiert… %n Zeilen geschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation>Zeilen exportieren</translation>
    </message>
    <message>
        <source>The rows could not be exported: %1</source>
        <translation>Die Zeilen konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>billing::ui::AccountStatusDialog</name>
    <message>
        <source>Change account status</source>
        <translation>Kontostatus ändern</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation>Neuer &amp;Status:</translation>
    </message>
    <message>
        <source>Set the status of %1 to %2</source>
        <translation>Status von %1 auf %2 setzen</translation>
    </message>
</context>
<context>
    <name>billing::ui::AccountWindow</name>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>&amp;Copy transaction id</source>
        <translation>Buchungs-ID &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Statement</source>
        <translation>&amp;Kontoauszug</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>Status &amp;history</source>
        <translation>Status&amp;verlauf</translation>
    </message>
    <message>
        <source>Copy &amp;id</source>
        <translation>&amp;ID kopieren</translation>
    </message>
    <message>
        <source>&amp;Export to CSV…</source>
        <translation>Als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>This account cannot be shown: %1</source>
        <translation>Dieses Konto kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · &lt;b&gt;%4&lt;/b&gt; · %5&lt;br&gt;minimum %6, maximum %7 · id %8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · &lt;b&gt;%4&lt;/b&gt; · %5&lt;br&gt;Mindestsaldo %6, Höchstsaldo %7 · ID %8</translation>
    </message>
    <message numerus="yes">
        <source>Showing the newest %n line(s).</source>
        <translation>
            <numerusform>Anzeige der neuesten %n Zeile.</numerusform>
            <numerusform>Anzeige der neuesten %n Zeilen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export statement</source>
        <translation>Kontoauszug exportieren</translation>
    </message>
    <message>
        <source>Click an event to travel there.</source>
        <translation>Auf ein Ereignis klicken, um per Zeitreise dorthin zu springen.</translation>
    </message>
    <message>
        <source>&amp;Balance over time</source>
        <translation>&amp;Saldoverlauf</translation>
    </message>
    <message>
        <source>Statement &amp;PDF…</source>
        <translation>Kontoauszug als &amp;PDF…</translation>
    </message>
    <message>
        <source>Statement PDF</source>
        <translation>Kontoauszug als PDF</translation>
    </message>
    <message>
        <source>&amp;From (UTC):</source>
        <translation>&amp;Von (UTC):</translation>
    </message>
    <message>
        <source>&amp;To (UTC):</source>
        <translation>&amp;Bis (UTC):</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>No statement: %1</source>
        <translation>Kein Kontoauszug: %1</translation>
    </message>
    <message>
        <source>%1 could not be written</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The statement was written to %1.</source>
        <translation>Der Kontoauszug wurde in %1 geschrieben.</translation>
    </message>
</context>
<context>
    <name>billing::ui::AccountsTableModel</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Updated (UTC)</source>
        <translation>Aktualisiert (UTC)</translation>
    </message>
</context>
<context>
    <name>billing::ui::AsOfAccountsModel</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Balance as of</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>billing::ui::AuditLogTableModel</name>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation>Korrelations-ID</translation>
    </message>
</context>
<context>
    <name>billing::ui::BalanceChart</name>
    <message>
        <source>No balance changes yet.</source>
        <translation>Noch keine Saldoänderungen.</translation>
    </message>
    <message>
        <source>Position %1: balance %2</source>
        <translation>Position %1: Saldo %2</translation>
    </message>
</context>
<context>
    <name>billing::ui::CommandDialog</name>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Review…</source>
        <translation>&amp;Prüfen…</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Choose one from the list.</source>
        <translation>Bitte einen Eintrag aus der Liste wählen.</translation>
    </message>
    <message>
        <source>Debited</source>
        <translation>Belastet</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>Gutgeschrieben</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Status: %1 → %2</translation>
    </message>
    <message>
        <source>The ledger will refuse this: %1 If you confirm, the refusal is recorded.</source>
        <translation>Das Hauptbuch wird dies ablehnen: %1 Wenn Sie bestätigen, wird die Ablehnung protokolliert.</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <source>The ledger could not be reached: %1
Retry sends the same request again; it cannot be booked twice.</source>
        <translation>Das Hauptbuch ist nicht erreichbar: %1
„Wiederholen“ sendet dieselbe Anfrage erneut; sie kann nicht doppelt gebucht werden.</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>%1
Reference in the ledger: %2</source>
        <translation>%1
Referenz im Hauptbuch: %2</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Nicht angenommen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>billing::ui::CreateAccountDialog</name>
    <message>
        <source>New account</source>
        <translation>Neues Konto</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Customer, bank or merchant id</source>
        <translation>Kunden-, Bank- oder Händler-ID</translation>
    </message>
    <message>
        <source>How far below zero the balance may go; empty for none.</source>
        <translation>Wie weit der Saldo unter null fallen darf; leer für keine Überziehung.</translation>
    </message>
    <message>
        <source>The highest balance allowed; empty for no maximum.</source>
        <translation>Der höchste zulässige Saldo; leer für keine Obergrenze.</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Kontotyp:</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>Wä&amp;hrung:</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Inhaber:</translation>
    </message>
    <message>
        <source>Owner t&amp;ype:</source>
        <translation>Inhaber&amp;typ:</translation>
    </message>
    <message>
        <source>O&amp;verdraft:</source>
        <translation>Überziehungs&amp;rahmen:</translation>
    </message>
    <message>
        <source>Ma&amp;ximum balance:</source>
        <translation>Höchst&amp;saldo:</translation>
    </message>
    <message>
        <source>Enter who owns the account.</source>
        <translation>Bitte den Kontoinhaber angeben.</translation>
    </message>
    <message>
        <source>New %1 account for %2 in %3</source>
        <translation>Neues Konto (%1) für %2 in %3</translation>
    </message>
</context>
<context>
    <name>billing::ui::DeskServeRole</name>
    <message>
        <source>An auditor&apos;s desk does not hold the serve role: it decides no commands.</source>
        <translation>Der Arbeitsplatz eines Prüfers übernimmt die Serve-Rolle nicht: Er entscheidet keine Befehle.</translation>
    </message>
    <message>
        <source>The serve role needs the distributed store (kafka:HOST:PORT).</source>
        <translation>Die Serve-Rolle braucht den verteilten Speicher (kafka:HOST:PORT).</translation>
    </message>
    <message>
        <source>Serve role: deciding commands</source>
        <translation>Serve-Rolle: entscheidet Befehle</translation>
    </message>
    <message>
        <source>Serve role: standing by</source>
        <translation>Serve-Rolle: in Bereitschaft</translation>
    </message>
    <message>
        <source>Serve role failed: %1</source>
        <translation>Serve-Rolle fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Serve role: joining</source>
        <translation>Serve-Rolle: tritt bei</translation>
    </message>
</context>
<context>
    <name>billing::ui::EntityPicker</name>
    <message>
        <source>Type an owner or an id…</source>
        <translation>Inhaber oder ID eingeben…</translation>
    </message>
    <message>
        <source>Nothing chosen yet.</source>
        <translation>Noch nichts ausgewählt.</translation>
    </message>
</context>
<context>
    <name>billing::ui::EventHistoryView</name>
    <message>
        <source>Select an event to see it exactly as stored.</source>
        <translation>Ereignis auswählen, um es genau so zu sehen, wie es gespeichert ist.</translation>
    </message>
    <message>
        <source>Show the whole &amp;saga</source>
        <translation>&amp;Ganzen Vorgang zeigen</translation>
    </message>
    <message>
        <source>&amp;Travel to this event</source>
        <translation>&amp;Zeitreise zu diesem Ereignis</translation>
    </message>
    <message>
        <source>Show this &amp;account&apos;s history</source>
        <translation>&amp;Verlauf dieses Kontos zeigen</translation>
    </message>
    <message>
        <source>The event could not be read: %1</source>
        <translation>Das Ereignis konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Free-text search reads every event: its index failed (%1).</source>
        <translation>Die Volltextsuche liest jedes Ereignis: ihr Index ist fehlgeschlagen (%1).</translation>
    </message>
    <message>
        <source>Preparing free-text search: %1 of %2 events (%3%). Until it is ready, free text reads every event and may take a while.</source>
        <translation>Volltextsuche wird vorbereitet: %1 von %2 Ereignissen (%3 %). Bis sie bereit ist, liest die Suche jedes Ereignis und kann etwas dauern.</translation>
    </message>
</context>
<context>
    <name>billing::ui::EventsTableModel</name>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>Aggregat</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation>Korrelations-ID</translation>
    </message>
    <message>
        <source>Causation ID</source>
        <translation>Auslöser-ID</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>billing::ui::LedgerTableView</name>
    <message>
        <source>Filter by id, owner, reference…</source>
        <translation>Nach ID, Inhaber, Referenz filtern…</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All currencies</source>
        <translation>Alle Währungen</translation>
    </message>
    <message>
        <source>Account id (with its transactions)</source>
        <translation>Konto-ID (mit ihren Buchungen)</translation>
    </message>
    <message>
        <source>Correlation id (a whole saga)</source>
        <translation>Korrelations-ID (ganzer Vorgang)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message numerus="yes">
        <source>At least %n row(s); scroll to the end to count more</source>
        <translation>
            <numerusform>Mindestens %n Zeile; ans Ende blättern, um weiter zu zählen</numerusform>
            <numerusform>Mindestens %n Zeilen; ans Ende blättern, um weiter zu zählen</numerusform>
        </translation>
    </message>
    <message>
        <source>From YYYY-MM-DD</source>
        <translation>Ab JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>To YYYY-MM-DD</source>
        <translation>Bis JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>The ledger could not be read: %1</source>
        <translation>Das Hauptbuch konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Copy id</source>
        <translation>ID &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Export rows to CSV…</source>
        <translation>Zeilen als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation>Zeilen exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Search the events&apos; words…</source>
        <translation>In den Wörtern der Ereignisse suchen…</translation>
    </message>
    <message>
        <source>Finds events holding these words: ids, amounts, owners, references, types. The last word may be the start of a word (three letters or more, unless it is a common word), so &quot;custo&quot; finds customer-12345; a piece from inside a word is not found.</source>
        <translation>Findet Ereignisse mit diesen Wörtern: IDs, Beträge, Inhaber, Referenzen, Typen. Das letzte Wort darf der Anfang eines Wortes sein (ab drei Zeichen, außer bei häufigen Wörtern), &quot;custo&quot; findet also customer-12345; ein Stück aus der Mitte eines Wortes wird nicht gefunden.</translation>
    </message>
</context>
<context>
    <name>billing::ui::LedgerVerification</name>
    <message numerus="yes">
        <source>The ledger is intact: %n event(s) checked; the hash chain is unbroken, every currency sums to zero and the projections equal a replay.</source>
        <translation>
            <numerusform>Das Hauptbuch ist intakt: %n Ereignis geprüft; die Hash-Kette ist lückenlos, jede Währung ergibt in Summe null und die Projektionen stimmen mit der Wiedergabe überein.</numerusform>
            <numerusform>Das Hauptbuch ist intakt: %n Ereignisse geprüft; die Hash-Kette ist lückenlos, jede Währung ergibt in Summe null und die Projektionen stimmen mit der Wiedergabe überein.</numerusform>
        </translation>
    </message>
    <message>
        <source>The ledger is NOT intact. The first bad event is at position %1%2.</source>
        <translation>Das Hauptbuch ist NICHT intakt. Das erste fehlerhafte Ereignis steht an Position %1%2.</translation>
    </message>
    <message>
        <source> (event %1)</source>
        <translation> (Ereignis %1)</translation>
    </message>
    <message>
        <source>The ledger is NOT intact.</source>
        <translation>Das Hauptbuch ist NICHT intakt.</translation>
    </message>
    <message>
        <source>Trial balance: %1</source>
        <translation>Summenprobe: %1</translation>
    </message>
    <message>
        <source>Verifying the ledger…</source>
        <translation>Hauptbuch wird geprüft…</translation>
    </message>
    <message>
        <source>Verify ledger</source>
        <translation>Hauptbuch prüfen</translation>
    </message>
    <message>
        <source>The ledger could not be verified: %1</source>
        <translation>Das Hauptbuch konnte nicht geprüft werden: %1</translation>
    </message>
</context>
<context>
    <name>billing::ui::MainWindow</name>
    <message>
        <source>Billing Desk — auditor (read-only)</source>
        <translation>Billing Desk — Prüfer (schreibgeschützt)</translation>
    </message>
    <message>
        <source>Billing Desk</source>
        <translation>Billing Desk</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Hauptbuch</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Datenspeicher: %1</translation>
    </message>
    <message>
        <source>Opening the ledger…</source>
        <translation>Hauptbuch wird geöffnet…</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>Bediener: %1</translation>
    </message>
    <message>
        <source>Cannot open the ledger: %1</source>
        <translation>Hauptbuch kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The ledger could not be opened:
%1</source>
        <translation>Das Hauptbuch konnte nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>Kon&amp;ten</translation>
    </message>
    <message>
        <source>&amp;Transactions</source>
        <translation>B&amp;uchungen</translation>
    </message>
    <message>
        <source>Audit &amp;log</source>
        <translation>&amp;Prüfprotokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Add &amp;demo data…</source>
        <translation>&amp;Demodaten hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Export rows to CSV…</source>
        <translation>Zeilen als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Ein&amp;stellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>A&amp;ccount</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <source>&amp;New account…</source>
        <translation>&amp;Neues Konto…</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>&amp;Status ändern…</translation>
    </message>
    <message>
        <source>&amp;Open selected account</source>
        <translation>Ausgewähltes Konto ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Money</source>
        <translation>&amp;Buchen</translation>
    </message>
    <message>
        <source>&amp;Top up…</source>
        <translation>&amp;Aufladen…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>A&amp;uszahlen…</translation>
    </message>
    <message>
        <source>T&amp;ransfer…</source>
        <translation>Über&amp;weisen…</translation>
    </message>
    <message>
        <source>&amp;Payment…</source>
        <translation>&amp;Bezahlen…</translation>
    </message>
    <message>
        <source>Re&amp;fund…</source>
        <translation>&amp;Erstatten…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Billing Desk</source>
        <translation>Ü&amp;ber Billing Desk</translation>
    </message>
    <message>
        <source>About Billing Desk</source>
        <translation>Über Billing Desk</translation>
    </message>
    <message>
        <source>Billing Desk %1
A double-entry billing ledger on event sourcing.</source>
        <translation>Billing Desk %1
Ein Abrechnungs-Hauptbuch mit doppelter Buchführung auf Basis von Event Sourcing.</translation>
    </message>
    <message>
        <source>&amp;Open account</source>
        <translation>Konto ö&amp;ffnen</translation>
    </message>
    <message>
        <source>T&amp;ransfer from…</source>
        <translation>Über&amp;weisen von diesem Konto…</translation>
    </message>
    <message>
        <source>&amp;Pay…</source>
        <translation>&amp;Bezahlen…</translation>
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation>&amp;Sperren…</translation>
    </message>
    <message>
        <source>&amp;Activate…</source>
        <translation>Akti&amp;vieren…</translation>
    </message>
    <message>
        <source>C&amp;lose…</source>
        <translation>Sch&amp;ließen…</translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation>Er&amp;statten…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>An empty ledger</source>
        <translation>Leeres Hauptbuch</translation>
    </message>
    <message>
        <source>This ledger holds nothing yet. Add demo data (a few owners, accounts in three currencies and a few hundred transactions) to see how the desk works?</source>
        <translation>Dieses Hauptbuch ist noch leer. Demodaten hinzufügen (einige Inhaber, Konten in drei Währungen und einige hundert Buchungen), um Billing Desk kennenzulernen?</translation>
    </message>
    <message>
        <source>Adding demo data…</source>
        <translation>Demodaten werden hinzugefügt…</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>No demo data was added: %1</source>
        <translation>Es wurden keine Demodaten hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Not reachable: %1</source>
        <translation>Nicht erreichbar: %1</translation>
    </message>
    <message numerus="yes">
        <source>Projection lag: %n event(s)</source>
        <translation>
            <numerusform>Projektionsrückstand: %n Ereignis</numerusform>
            <numerusform>Projektionsrückstand: %n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Event history</source>
        <translation>&amp;Ereignisverlauf</translation>
    </message>
    <message>
        <source>Time t&amp;ravel</source>
        <translation>&amp;Zeitreise</translation>
    </message>
    <message>
        <source>A&amp;udit</source>
        <translation>Prü&amp;fung</translation>
    </message>
    <message>
        <source>&amp;Verify ledger…</source>
        <translation>&amp;Hauptbuch prüfen…</translation>
    </message>
    <message>
        <source>Step &amp;back</source>
        <translation>Schritt zu&amp;rück</translation>
    </message>
    <message>
        <source>Step &amp;forward</source>
        <translation>Schritt &amp;vor</translation>
    </message>
    <message>
        <source>Return to &amp;now</source>
        <translation>Zurück zu &amp;Jetzt</translation>
    </message>
    <message>
        <source>Show the whole &amp;saga</source>
        <translation>&amp;Ganzen Vorgang zeigen</translation>
    </message>
    <message>
        <source>&amp;Travel to the selected event</source>
        <translation>&amp;Zeitreise zum ausgewählten Ereignis</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Bearbe&amp;iten</translation>
    </message>
    <message>
        <source>&amp;Copy selected id</source>
        <translation>Ausgewählte ID &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSV importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Rebuild projections…</source>
        <translation>Projektionen &amp;neu aufbauen…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>Die Datei konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>The import stopped: %1</source>
        <translation>Der Import wurde abgebrochen: %1</translation>
    </message>
    <message>
        <source>%1 completed, %2 rejected, %3 not accepted.</source>
        <translation>%1 abgeschlossen, %2 abgelehnt, %3 nicht angenommen.</translation>
    </message>
    <message>
        <source>Import cancelled: %1 completed, %2 rejected, %3 not accepted, %4 not run (importing the file again runs them).</source>
        <translation>Import abgebrochen: %1 abgeschlossen, %2 abgelehnt, %3 nicht angenommen, %4 nicht ausgeführt (ein erneuter Import der Datei führt sie aus).</translation>
    </message>
    <message>
        <source>The rebuild was cancelled at position %1 of %2: the tables show the ledger up to there. Run the rebuild again to finish it.</source>
        <translation>Der Neuaufbau wurde bei Position %1 von %2 abgebrochen: Die Tabellen zeigen das Hauptbuch bis dorthin. Starten Sie den Neuaufbau erneut, um ihn abzuschließen.</translation>
    </message>
    <message>
        <source>Rebuilding the projections from the log…</source>
        <translation>Die Projektionen werden aus dem Protokoll neu aufgebaut…</translation>
    </message>
    <message>
        <source>Rebuild projections</source>
        <translation>Projektionen neu aufbauen</translation>
    </message>
    <message>
        <source>The projections were not rebuilt: %1</source>
        <translation>Die Projektionen wurden nicht neu aufgebaut: %1</translation>
    </message>
</context>
<context>
    <name>billing::ui::MoveMoneyDialog</name>
    <message>
        <source>Top up</source>
        <translation>Aufladung</translation>
    </message>
    <message>
        <source>&amp;Account to credit:</source>
        <translation>&amp;Konto für Gutschrift:</translation>
    </message>
    <message>
        <source>&amp;From (external):</source>
        <translation>&amp;Von (extern):</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <source>&amp;Account to debit:</source>
        <translation>&amp;Konto für Belastung:</translation>
    </message>
    <message>
        <source>&amp;To (external):</source>
        <translation>&amp;An (extern):</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Überweisung</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;An:</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>&amp;Paying account:</source>
        <translation>Zahlendes &amp;Konto:</translation>
    </message>
    <message>
        <source>&amp;To (system):</source>
        <translation>&amp;An (System):</translation>
    </message>
    <message>
        <source>Invoice or ticket number (optional)</source>
        <translation>Rechnungs- oder Ticketnummer (optional)</translation>
    </message>
    <message>
        <source>A&amp;mount:</source>
        <translation>Be&amp;trag:</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>&amp;Referenz:</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%1 über %2 %3</translation>
    </message>
</context>
<context>
    <name>billing::ui::RefundDialog</name>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Ticket or reason (optional)</source>
        <translation>Ticket oder Grund (optional)</translation>
    </message>
    <message>
        <source>&amp;Payment:</source>
        <translation>Za&amp;hlung:</translation>
    </message>
    <message>
        <source>A&amp;mount:</source>
        <translation>Be&amp;trag:</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>&amp;Referenz:</translation>
    </message>
    <message>
        <source>Refund of %1 %2 from payment %3</source>
        <translation>Erstattung von %1 %2 aus Zahlung %3</translation>
    </message>
</context>
<context>
    <name>billing::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>sqlite:PATH or kafka:HOST:PORT (empty: the default file)</source>
        <translation>sqlite:PFAD oder kafka:HOST:PORT (leer: Standarddatei)</translation>
    </message>
    <message>
        <source>postgresql://USER@HOST:PORT/DB (distributed mode)</source>
        <translation>postgresql://BENUTZER@HOST:PORT/DB (verteilter Modus)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Offer demo data when the ledger is empty</source>
        <translation>Demodaten anbieten, wenn das Hauptbuch leer ist</translation>
    </message>
    <message>
        <source>Open read-only, as an auditor</source>
        <translation>Schreibgeschützt als Prüfer öffnen</translation>
    </message>
    <message>
        <source>&amp;Store:</source>
        <translation>&amp;Datenspeicher:</translation>
    </message>
    <message>
        <source>&amp;Projections:</source>
        <translation>&amp;Projektionen:</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>&amp;Bediener:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source> events</source>
        <translation> Ereignisse</translation>
    </message>
    <message>
        <source>Time travel keeps a checkpoint of every account this often: smaller uses more memory and makes far jumps shorter.</source>
        <translation>So oft hält die Zeitreise einen Prüfpunkt aller Konten fest: kleiner braucht mehr Speicher und macht weite Sprünge kürzer.</translation>
    </message>
    <message>
        <source>Time-travel &amp;checkpoint every:</source>
        <translation>&amp;Prüfpunkt der Zeitreise alle:</translation>
    </message>
    <message>
        <source>The PostgreSQL password is never stored here: it comes from PGPASSWORD or from a file with mode 0600 named by BILLING_PGPASSWORD_FILE. An auditor gives the auditor&apos;s login as the projections user.</source>
        <translation>Das PostgreSQL-Passwort wird hier nie gespeichert: Es kommt aus PGPASSWORD oder aus einer Datei mit Modus 0600, die BILLING_PGPASSWORD_FILE nennt. Ein Prüfer gibt als Benutzer der Projektionen seine Prüfer-Anmeldung an.</translation>
    </message>
    <message>
        <source>The store must be sqlite:PATH or kafka:HOST:PORT.</source>
        <translation>Der Datenspeicher muss sqlite:PFAD oder kafka:HOST:PORT sein.</translation>
    </message>
    <message>
        <source>A kafka: store needs the projections: postgresql://USER@HOST:PORT/DB.</source>
        <translation>Ein kafka:-Datenspeicher braucht die Projektionen: postgresql://BENUTZER@HOST:PORT/DB.</translation>
    </message>
    <message>
        <source>No password in the projections URL: set PGPASSWORD or BILLING_PGPASSWORD_FILE (a file with mode 0600).</source>
        <translation>Kein Passwort in der URL der Projektionen: Setzen Sie PGPASSWORD oder BILLING_PGPASSWORD_FILE (eine Datei mit Modus 0600).</translation>
    </message>
    <message>
        <source>The projections must be postgresql://USER@HOST:PORT/DB.</source>
        <translation>Die Projektionen müssen postgresql://BENUTZER@HOST:PORT/DB sein.</translation>
    </message>
    <message>
        <source>This desk decides commands (serve role)</source>
        <translation>Dieser Arbeitsplatz entscheidet Befehle (Serve-Rolle)</translation>
    </message>
    <message>
        <source>Distributed mode: this desk also does what billing-cli serve does. Every desk and billing-cli sends its commands to one decision maker; with several desks that have this role, one decides and the others stand by.</source>
        <translation>Verteilter Modus: Dieser Arbeitsplatz übernimmt auch, was billing-cli serve tut. Jeder Arbeitsplatz und billing-cli schickt seine Befehle an eine einzige entscheidende Stelle; haben mehrere Arbeitsplätze diese Rolle, entscheidet einer, und die anderen stehen bereit.</translation>
    </message>
    <message>
        <source>The store, the language, the roles and the checkpoints apply from the next start.</source>
        <translation>Datenspeicher, Sprache, Rollen und Prüfpunkte gelten ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>billing::ui::StatementModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Gegenkonto</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
</context>
<context>
    <name>billing::ui::TimeTravelView</name>
    <message>
        <source>◀ Step back</source>
        <translation>◀ Schritt zurück</translation>
    </message>
    <message>
        <source>Step forward ▶</source>
        <translation>Schritt vor ▶</translation>
    </message>
    <message>
        <source>position </source>
        <translation>Position </translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>&amp;Compare with…</source>
        <translation>Ver&amp;gleichen mit…</translation>
    </message>
    <message>
        <source>Cannot travel there: %1</source>
        <translation>Zeitreise dorthin nicht möglich: %1</translation>
    </message>
    <message>
        <source>the start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>AS OF the latest event, position %1 (%2) — read-only</source>
        <translation>Stand: neuestes Ereignis, Position %1 (%2) — schreibgeschützt</translation>
    </message>
    <message>
        <source>AS OF position %1 of %2 (%3) — read-only</source>
        <translation>Stand: Position %1 von %2 (%3) — schreibgeschützt</translation>
    </message>
    <message>
        <source>No event follows.</source>
        <translation>Es folgt kein Ereignis.</translation>
    </message>
    <message>
        <source>Next event: %1 (highlighted accounts change)</source>
        <translation>Nächstes Ereignis: %1 (die hervorgehobenen Konten ändern sich)</translation>
    </message>
    <message>
        <source>Trial balance as of this point (Σ per currency): %1</source>
        <translation>Summenprobe zu diesem Stand (Σ je Währung): %1</translation>
    </message>
    <message>
        <source>(between the two legs of a transaction: the next event books the other)</source>
        <translation>(zwischen den beiden Seiten einer Buchung: das nächste Ereignis bucht die Gegenseite)</translation>
    </message>
    <message>
        <source>nothing booked</source>
        <translation>nichts gebucht</translation>
    </message>
    <message>
        <source>Compare position %1 with %2</source>
        <translation>Position %1 mit %2 vergleichen</translation>
    </message>
    <message numerus="yes">
        <source>Balances that differ (%n):</source>
        <translation>
            <numerusform>Abweichender Saldo (%n):</numerusform>
            <numerusform>Abweichende Salden (%n):</numerusform>
        </translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message numerus="yes">
        <source>Transactions completed in between (%n):</source>
        <translation>
            <numerusform>Dazwischen abgeschlossene Buchung (%n):</numerusform>
            <numerusform>Dazwischen abgeschlossene Buchungen (%n):</numerusform>
        </translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>E&amp;xport balances…</source>
        <translation>Salden e&amp;xportieren…</translation>
    </message>
    <message>
        <source>As of position</source>
        <translation>Stand Position</translation>
    </message>
    <message>
        <source>Export balances</source>
        <translation>Salden exportieren</translation>
    </message>
    <message>
        <source>Reading the ledger&apos;s history for time travel…</source>
        <translation>Die Geschichte des Hauptbuchs wird für die Zeitreise gelesen…</translation>
    </message>
    <message>
        <source>Step back (Alt+Left)</source>
        <translation>Schritt zurück (Alt+Links)</translation>
    </message>
    <message>
        <source>Step forward (Alt+Right)</source>
        <translation>Schritt vor (Alt+Rechts)</translation>
    </message>
    <message>
        <source>Return to now (Alt+End)</source>
        <translation>Zurück zu jetzt (Alt+Ende)</translation>
    </message>
    <message>
        <source>Comparing position %1 with %2…</source>
        <translation>Position %1 wird mit %2 verglichen…</translation>
    </message>
    <message>
        <source>(the first %1 are listed)</source>
        <translation>(die ersten %1 sind aufgeführt)</translation>
    </message>
</context>
<context>
    <name>billing::ui::TransactionsTableModel</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Counterparty</source>
        <translation>Gegenkonto</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation>Korrelations-ID</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Billing Desk</source>
        <translation>Billing Desk</translation>
    </message>
    <message>
        <source>--role must be clerk or auditor, not &apos;%1&apos;</source>
        <translation>--role muss clerk oder auditor sein, nicht „%1“</translation>
    </message>
    <message>
        <source>sqlite:PATH, or kafka:HOST:PORT[,...] with --projections.</source>
        <translation>sqlite:PFAD, oder kafka:HOST:PORT[,...] mit --projections.</translation>
    </message>
    <message>
        <source>With a kafka: store, the PostgreSQL projections: postgresql://USER@HOST:PORT/DB (the password from PGPASSWORD or a 0600 file named by BILLING_PGPASSWORD_FILE, never here).</source>
        <translation>Bei einem kafka:-Speicher die PostgreSQL-Projektionen: postgresql://BENUTZER@HOST:PORT/DB (das Passwort aus PGPASSWORD oder aus einer Datei mit Modus 0600, die BILLING_PGPASSWORD_FILE nennt, nie hier).</translation>
    </message>
    <message>
        <source>Who issues commands.</source>
        <translation>Wer die Befehle erteilt.</translation>
    </message>
    <message>
        <source>clerk (default) or auditor (read-only; with kafka: the projections user is the auditor&apos;s login, a member of billing_auditor).</source>
        <translation>clerk (Standard) oder auditor (schreibgeschützt; bei kafka: ist der Benutzer der Projektionen die Prüfer-Anmeldung, ein Mitglied von billing_auditor).</translation>
    </message>
    <message>
        <source>With a kafka: store, also decide the ledger&apos;s commands, as billing-cli serve does (not with --role auditor).</source>
        <translation>Bei einem kafka:-Speicher auch die Befehle des Hauptbuchs entscheiden, wie billing-cli serve es tut (nicht mit --role auditor).</translation>
    </message>
    <message>
        <source>en or de.</source>
        <translation>en oder de.</translation>
    </message>
    <message>
        <source>Fill an empty ledger with demo data.</source>
        <translation>Ein leeres Hauptbuch mit Demodaten füllen.</translation>
    </message>
    <message>
        <source>Open the store, print a summary as JSON, exit.</source>
        <translation>Den Speicher öffnen, eine Zusammenfassung als JSON ausgeben, beenden.</translation>
    </message>
    <message>
        <source>Write PNGs of the windows and forms into DIR (on a demo store), exit.</source>
        <translation>PNGs der Fenster und Formulare nach DIR schreiben (auf einem Demo-Speicher), beenden.</translation>
    </message>
</context>
</TS>
