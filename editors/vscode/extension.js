// The pilint extension: starts `pilint server` and connects VS Code to it
// with vscode-languageclient. Every feature (findings, hovers, the score
// lens, quick fixes) comes from the server; this file only wires it up.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

function createClient() {
  const settings = vscode.workspace.getConfiguration('pilint');
  const command = settings.get('path') || 'pilint';
  const args = ['server', ...settings.get('args', [])];
  return new LanguageClient(
    'pilint',
    'pilint',
    { run: { command, args }, debug: { command, args } },
    {
      // Submissions, and the configuration files (never checked: their
      // saves make the server read them again).
      documentSelector: [
        { scheme: 'file', language: 'json' },
        { scheme: 'file', language: 'xml' },
        { scheme: 'file', pattern: '**/{pilint,.pilint}.toml' },
      ],
      // The score breakdown opens beside the file rather than as a
      // notification.
      initializationOptions: { scoreBreakdownMessage: false },
      middleware: {
        executeCommand: async (name, args, next) => {
          const result = await next(name, args);
          if (name === 'pilint.scoreBreakdown' && typeof result === 'string') {
            const document = await vscode.workspace.openTextDocument({
              content: result,
              language: 'plaintext',
            });
            await vscode.window.showTextDocument(document, {
              preview: true,
              viewColumn: vscode.ViewColumn.Beside,
            });
          }
          return result;
        },
      },
    },
  );
}

async function activate(context) {
  client = createClient();
  context.subscriptions.push(
    vscode.commands.registerCommand('pilint.restartServer', async () => {
      if (client) {
        await client.stop();
      }
      client = createClient();
      await client.start();
    }),
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
