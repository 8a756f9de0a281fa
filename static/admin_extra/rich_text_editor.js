// The visual editor of rich text fields (kassel_integration/editorial/widgets.py).
//
// Built on django-prose-editor (ProseMirror and Tiptap), whose bundle this
// module imports by its hashed static URL (the textarea's data-editor-module):
// no import map, no inline script, and Tiptap's own <style> injection is off
// (its rules are in rich_text_editor.css), so the strict CSP holds.
//
// The editor offers only what the server's sanitiser keeps
// (kassel_integration/content/richtext.py): paragraphs, headings 2 to 4,
// lists, links, bold and italic, quotations, abbreviations and the language
// of a passage. The menu is a toolbar: Tab reaches it once, the arrow keys move
// along it, and every button has a name in the admin's language and says
// whether it is on. The textarea keeps the HTML; the server cleans it again.
const gettext = window.gettext || ((text) => text);
const interpolate =
  window.interpolate || ((format, values) => format.replace(/%s/, values[0]));
const MARKER = "data-rich-text-editor";
const SCHEMES = /^(https?:\/\/|mailto:|tel:|\/|#)/i;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z]{4})?(-([a-z]{2}|\d{3}))?$/i;

const loaded = new Map();
function load(url) {
  if (!loaded.has(url)) {
    loaded.set(url, import(url));
  }
  return loaded.get(url);
}

function labelOf(textarea) {
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  if (!label) {
    return null;
  }
  if (!label.id) {
    label.id = `${textarea.id}_label`;
  }
  return label;
}

function extensionsFor(pm) {
  const {
    Blockquote,
    Bold,
    BulletList,
    Document,
    Dropcursor,
    Extension,
    Gapcursor,
    HardBreak,
    Heading,
    History,
    Italic,
    Link,
    ListItem,
    Mark,
    Menu,
    OrderedList,
    Paragraph,
    Text,
    updateAttrsDialog,
  } = pm;

  const askForLink = (editor, attrs, message) =>
    updateAttrsDialog(
      {
        href: {
          type: "string",
          title: gettext("Address of the link"),
          description: message || gettext("https://…, mailto:…, tel:… or /de/… for a page of this portal"),
          required: true,
        },
      },
      { title: gettext("Link"), submitText: gettext("Apply") },
    )(editor, attrs);

  const SafeLink = Link.extend({
    addAttributes() {
      return { href: { default: null }, hreflang: { default: null }, lang: { default: null } };
    },
    addMenuItems() {},
    addCommands() {
      return {
        ...this.parent?.(),
        addLink:
          () =>
          ({ editor }) => {
            if (editor.state.selection.empty && !editor.isActive("link")) {
              return false;
            }
            const ask = (attrs, message) =>
              askForLink(editor, attrs, message).then((result) => {
                if (!result) {
                  editor.commands.focus();
                  return;
                }
                const href = result.href.trim();
                if (!SCHEMES.test(href)) {
                  ask(
                    { href },
                    gettext("Links may start with https://, http://, mailto:, tel: or /."),
                  );
                  return;
                }
                editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
              });
            ask(editor.getAttributes("link"));
            return true;
          },
      };
    },
  }).configure({ openOnClick: false, enableTarget: false, autolink: false });

  const Abbreviation = Mark.create({
    name: "abbreviation",
    addAttributes() {
      return { title: { default: null }, lang: { default: null } };
    },
    parseHTML() {
      return [{ tag: "abbr" }];
    },
    renderHTML({ HTMLAttributes }) {
      return ["abbr", HTMLAttributes, 0];
    },
    addCommands() {
      return {
        editAbbreviation:
          () =>
          ({ editor }) => {
            if (editor.state.selection.empty && !editor.isActive("abbreviation")) {
              return false;
            }
            updateAttrsDialog(
              {
                title: {
                  type: "string",
                  title: gettext("Written out in full"),
                  description: gettext("Leave empty to remove the abbreviation."),
                },
              },
              { title: gettext("Abbreviation"), submitText: gettext("Apply") },
            )(editor, editor.getAttributes("abbreviation")).then((result) => {
              const chain = editor.chain().focus().extendMarkRange("abbreviation");
              if (!result) {
                chain.run();
              } else if (result.title.trim()) {
                chain.setMark("abbreviation", { title: result.title.trim() }).run();
              } else {
                chain.unsetMark("abbreviation").run();
              }
            });
            return true;
          },
      };
    },
  });

  const Language = Mark.create({
    name: "language",
    addAttributes() {
      return { lang: { default: null } };
    },
    parseHTML() {
      return [{ tag: "span[lang]" }];
    },
    renderHTML({ HTMLAttributes }) {
      return ["span", HTMLAttributes, 0];
    },
    addCommands() {
      return {
        editLanguage:
          () =>
          ({ editor }) => {
            if (editor.state.selection.empty && !editor.isActive("language")) {
              return false;
            }
            const ask = (attrs, message) =>
              updateAttrsDialog(
                {
                  lang: {
                    type: "string",
                    title: gettext("Language code"),
                    description:
                      message || gettext("For example fr, tr or en-GB. Leave empty to remove it."),
                  },
                },
                { title: gettext("Language of this passage"), submitText: gettext("Apply") },
              )(editor, attrs).then((result) => {
                const chain = editor.chain().focus().extendMarkRange("language");
                if (!result) {
                  chain.run();
                  return;
                }
                const lang = result.lang.trim();
                if (!lang) {
                  chain.unsetMark("language").run();
                } else if (LANGUAGE_TAG.test(lang)) {
                  chain.setMark("language", { lang }).run();
                } else {
                  ask({ lang }, gettext("This is not a language code such as fr, tr or en-GB."));
                }
              });
            ask(editor.getAttributes("language"));
            return true;
          },
      };
    },
  });

  // Passages already marked with their language keep it when edited.
  const BlockLanguage = Extension.create({
    name: "blockLanguage",
    addGlobalAttributes() {
      return [
        {
          types: ["paragraph", "heading", "blockquote", "listItem"],
          attributes: { lang: { default: null } },
        },
      ];
    },
  });

  return [
    Document,
    Paragraph,
    Text,
    HardBreak,
    Dropcursor,
    Gapcursor,
    History,
    Heading.configure({ levels: [2, 3, 4] }),
    Bold,
    Italic,
    BulletList,
    OrderedList.configure({ enableListAttributes: false }),
    ListItem,
    Blockquote,
    SafeLink,
    Abbreviation,
    Language,
    BlockLanguage,
    Menu.configure({ defaultItems: false, items: createMenu }),
  ];
}

function createMenu({ editor, menu }) {
  const button = (icon, label, shortcut, text) => {
    const element = document.createElement("button");
    element.type = "button";
    element.className = text
      ? "prose-menubar__button rich-text-button"
      : "prose-menubar__button material-icons";
    element.textContent = text || icon;
    element.title = shortcut ? `${label} (${shortcut})` : label;
    // A button showing text is named by that text first (WCAG 2.5.3, label in name).
    element.setAttribute("aria-label", text ? `${text}, ${label}` : label);
    if (shortcut) {
      element.setAttribute("aria-keyshortcuts", shortcut.replace(/Ctrl/g, "Control"));
    }
    return element;
  };
  const item = (name, group, element, command, active, enabled) =>
    menu.defineItem({
      name,
      groups: group,
      button: element,
      command,
      active: active || (() => false),
      enabled: enabled || (() => true),
    });

  for (const level of [2, 3, 4]) {
    item(
      `heading${level}`,
      "kassel-blocks",
      button(
        "",
        interpolate(gettext("Heading level %s"), [level]),
        `Ctrl+Alt+${level}`,
        `H${level}`,
      ),
      (ed) => ed.chain().focus().toggleHeading({ level }).run(),
      (ed) => ed.isActive("heading", { level }),
    );
  }
  item(
    "paragraph",
    "kassel-blocks",
    button("notes", gettext("Paragraph"), "Ctrl+Alt+0"),
    (ed) => ed.chain().focus().setParagraph().run(),
    (ed) => ed.isActive("paragraph"),
  );
  item(
    "bold",
    "kassel-marks",
    button("format_bold", gettext("Bold"), "Ctrl+B"),
    (ed) => ed.chain().focus().toggleBold().run(),
    (ed) => ed.isActive("bold"),
  );
  item(
    "italic",
    "kassel-marks",
    button("format_italic", gettext("Italic"), "Ctrl+I"),
    (ed) => ed.chain().focus().toggleItalic().run(),
    (ed) => ed.isActive("italic"),
  );
  item(
    "bulletList",
    "kassel-lists",
    button("format_list_bulleted", gettext("Bulleted list"), "Ctrl+Shift+8"),
    (ed) => ed.chain().focus().toggleBulletList().run(),
    (ed) => ed.isActive("bulletList"),
  );
  item(
    "orderedList",
    "kassel-lists",
    button("format_list_numbered", gettext("Numbered list"), "Ctrl+Shift+7"),
    (ed) => ed.chain().focus().toggleOrderedList().run(),
    (ed) => ed.isActive("orderedList"),
  );
  item(
    "blockquote",
    "kassel-lists",
    button("format_quote", gettext("Quotation"), "Ctrl+Shift+B"),
    (ed) => ed.chain().focus().toggleBlockquote().run(),
    (ed) => ed.isActive("blockquote"),
  );
  item(
    "link",
    "kassel-inline",
    button("insert_link", gettext("Link"), "Ctrl+K"),
    (ed) => ed.commands.addLink(),
    (ed) => ed.isActive("link"),
    (ed) => !ed.state.selection.empty || ed.isActive("link"),
  );
  item(
    "unlink",
    "kassel-inline",
    button("link_off", gettext("Remove link")),
    (ed) => ed.chain().focus().extendMarkRange("link").unsetLink().run(),
    () => false,
    (ed) => ed.isActive("link"),
  );
  item(
    "abbreviation",
    "kassel-inline",
    button("", gettext("Abbreviation"), null, gettext("abbr.")),
    (ed) => ed.commands.editAbbreviation(),
    (ed) => ed.isActive("abbreviation"),
    (ed) => !ed.state.selection.empty || ed.isActive("abbreviation"),
  );
  item(
    "language",
    "kassel-inline",
    button("translate", gettext("Language of this passage")),
    (ed) => ed.commands.editLanguage(),
    (ed) => ed.isActive("language"),
    (ed) => !ed.state.selection.empty || ed.isActive("language"),
  );
  item(
    "undo",
    "kassel-history",
    button("undo", gettext("Undo"), "Ctrl+Z"),
    (ed) => ed.chain().focus().undo().run(),
    () => false,
    (ed) => ed.can().undo(),
  );
  item(
    "redo",
    "kassel-history",
    button("redo", gettext("Redo"), "Ctrl+Shift+Z"),
    (ed) => ed.chain().focus().redo().run(),
    () => false,
    (ed) => ed.can().redo(),
  );

  const groups = ["kassel-blocks", "kassel-marks", "kassel-lists", "kassel-inline", "kassel-history"];
  const toggles = new Set([
    "heading2",
    "heading3",
    "heading4",
    "paragraph",
    "bold",
    "italic",
    "bulletList",
    "orderedList",
    "blockquote",
    "link",
    "abbreviation",
    "language",
  ]);
  const elements = groups.map((group) => {
    const items = menu.items(group);
    const dom = menu.buttonGroup({ editor }, items);
    dom.setAttribute("role", "group");
    // The library marks states with classes; screen readers hear them as states.
    editor.on("transaction", () => {
      for (const entry of items) {
        const on = !!entry.active(editor);
        if (toggles.has(entry.name)) {
          entry.button.setAttribute("aria-pressed", on ? "true" : "false");
        }
        entry.button.setAttribute("aria-disabled", entry.enabled(editor) ? "false" : "true");
      }
    });
    return dom;
  });
  return elements;
}

// One stop in the tab order for the whole toolbar; arrow keys move within it.
function makeToolbar(toolbar, name) {
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", name);
  const buttons = () =>
    [...toolbar.querySelectorAll("button")].filter((b) => !b.classList.contains("hidden"));
  const focusOn = (target) => {
    for (const b of buttons()) {
      b.tabIndex = b === target ? 0 : -1;
    }
    target.focus();
  };
  for (const [index, b] of buttons().entries()) {
    b.tabIndex = index === 0 ? 0 : -1;
  }
  toolbar.addEventListener("keydown", (event) => {
    const all = buttons();
    const index = all.indexOf(document.activeElement);
    if (index < 0) {
      return;
    }
    const last = all.length - 1;
    const next = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      focusOn(all[next]);
    }
  });
  toolbar.addEventListener("click", (event) => {
    const target = event.target.closest("button");
    if (target) {
      for (const b of buttons()) {
        b.tabIndex = b === target ? 0 : -1;
      }
    }
  });
}

// Pasted HTML (from Word, from web pages) comes with style attributes and
// sometimes event handlers. ProseMirror drops them, but merely parsing them is
// an inline style or script the CSP refuses (and reports), so inside each tag
// they are renamed to inert data attributes first; the text is not touched.
function withoutStyles(html) {
  return html.replace(/<[^>]*>/g, (tag) =>
    tag.replace(/\s(style|on[a-z]+)\s*=/gi, " data-removed-$1="),
  );
}

function create(pm, textarea) {
  if (textarea.closest(".prose-editor")) {
    return null;
  }
  const label = labelOf(textarea);
  const attributes = {
    role: "textbox",
    "aria-multiline": "true",
    spellcheck: "true",
  };
  if (label) {
    attributes["aria-labelledby"] = label.id;
  }
  for (const name of ["lang", "aria-describedby", "aria-invalid"]) {
    if (textarea.hasAttribute(name)) {
      attributes[name] = textarea.getAttribute(name);
    }
  }
  const disabled = textarea.hasAttribute("disabled");
  const element = document.createElement("div");
  element.className = disabled ? "prose-editor disabled" : "prose-editor";
  textarea.before(element);
  element.append(textarea);
  const editor = new pm.Editor({
    element,
    editable: !disabled,
    injectCSS: false,
    extensions: extensionsFor(pm),
    content: textarea.value,
    editorProps: { attributes, transformPastedHTML: withoutStyles },
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      element.before(textarea);
      element.remove();
    },
  });
  // The menu is built when the editor is created, which Tiptap finishes after this call.
  editor.on("create", () =>
    window.setTimeout(() => {
      const toolbar = element.querySelector(".prose-menubar");
      if (toolbar) {
        const name = label ? label.textContent.replace(/:\s*$/, "").trim() : "";
        makeToolbar(
          toolbar,
          name ? interpolate(gettext("Formatting: %s"), [name]) : gettext("Formatting"),
        );
      }
      textarea.dispatchEvent(
        new CustomEvent("rich-text-editor:ready", { detail: { editor }, bubbles: true }),
      );
    }),
  );
  if (label) {
    // The label names the hidden textarea: a click on it goes to the editor instead.
    label.addEventListener("click", (event) => {
      event.preventDefault();
      editor.commands.focus();
    });
  }
  return editor;
}

function initialise(container) {
  for (const textarea of container.querySelectorAll(`textarea[${MARKER}]`)) {
    if (textarea.id.includes("__prefix__")) {
      continue;
    }
    load(textarea.getAttribute(MARKER)).then(
      (pm) => create(pm, textarea),
      (error) => console.error("The rich text editor could not be loaded:", error),
    );
  }
}

initialise(document);
const jq = window.django && window.django.jQuery;
if (jq) {
  jq(document).on("formset:added", (event) => initialise(event.target));
}
