"""A reference project for bench/build.py: a Material blog on ML mathematics.

    write_reference_site(folder, pages=50, words=2900, seed=17)

writes into folder an mkdocs.yml and docs/ with `pages` posts of about `words` words each
(split on white space, as `wc -w` counts), the kind of page a Material blog has and nothing
more: headings, paragraphs, fenced Python blocks (pymdownx.highlight), inline and display
formulas for pymdownx.arithmatex's generic mode (typeset in the reader's browser, so the
build runs no math), an admonition, a table, one or two SVG images, links between posts.
The configuration is ours (theme, features, palette, the markdown_extensions list read
from our mkdocs.yml) with the search plugin only: no hooks, nothing executed, no code of
ours. The same seed writes the same files.
"""

import random
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent

SECTIONS = {
    "Foundations": [
        "Derivatives as linear maps",
        "The chain rule, written for vectors",
        "Jacobians and their shapes",
        "Hessians and curvature",
        "Taylor expansions in several variables",
        "Norms and inner products",
        "Eigenvalues of symmetric matrices",
        "Convex sets and convex functions",
        "Lipschitz gradients",
        "Floating point and cancellation",
    ],
    "Optimisation": [
        "Gradient descent from scratch",
        "Choosing a learning rate",
        "Line search and the Armijo condition",
        "Momentum as a heavy ball",
        "Nesterov's accelerated gradient",
        "Newton's method and its basin",
        "Quasi-Newton updates",
        "Coordinate descent",
        "Projected gradients and constraints",
        "Stopping rules that mean something",
    ],
    "Probability": [
        "Maximum likelihood",
        "The log-likelihood and its gradient",
        "Bayes' rule for parameters",
        "Cross-entropy and KL divergence",
        "The softmax and its Jacobian",
        "Sampling and Monte Carlo gradients",
        "Variance of stochastic gradients",
        "The reparameterisation trick",
        "Expectation maximisation",
        "Concentration of averages",
    ],
    "Linear models": [
        "Least squares by the normal equations",
        "Least squares by gradient descent",
        "Conditioning and feature scaling",
        "Ridge regression",
        "The lasso and subgradients",
        "Logistic regression",
        "Multinomial regression",
        "Support vector machines and the hinge",
        "Kernels and the representer theorem",
        "Generalised linear models",
    ],
    "Neural networks": [
        "A perceptron by hand",
        "Backpropagation as the chain rule",
        "Initialisation and vanishing gradients",
        "Activation functions compared",
        "Batch normalisation",
        "Adam, RMSProp and friends",
        "Learning-rate schedules",
        "Weight decay versus L2 penalties",
        "Residual connections",
        "Attention as a differentiable lookup",
    ],
}

WORDS = (
    "gradient step objective loss parameter vector matrix direction curvature minimum "
    "maximum iterate sequence rate bound estimate model sample batch update error norm "
    "function point region descent ascent convergence condition value slope surface "
    "coordinate scale noise variance mean likelihood weight bias layer output input "
    "example figure result argument proof inequality equation term series expansion "
    "approximation assumption constant eigenvalue eigenvector basis space set limit"
).split()
ADJECTIVES = (
    "small large smooth convex strict local global positive negative finite stable "
    "linear quadratic steep flat noisy exact careful simple useful common standard"
).split()
VERBS = (
    "moves shrinks grows bounds follows changes controls measures reaches crosses "
    "improves balances explains limits drives matches reduces defines tracks decides"
).split()
CONNECTIVES = [
    "In practice",
    "As a consequence",
    "For a quadratic",
    "Near a minimum",
    "With a fixed step",
    "In two dimensions",
    "On the other hand",
    "Put differently",
    "For this reason",
    "At every iterate",
]
INLINE_MATH = [
    r"$\nabla f(x)$",
    r"$\alpha$",
    r"$x^{(k)}$",
    r"$\lVert g \rVert_2$",
    r"$f(x) = \tfrac12 x^\top A x$",
    r"$\lambda_{\max}$",
    r"$\kappa = L/\mu$",
    r"$\mathbb{E}[g] = \nabla f$",
    r"$\sigma(z) = 1/(1+e^{-z})$",
    r"$\theta \in \mathbb{R}^d$",
]
DISPLAY_MATH = [
    r"x^{(k+1)} = x^{(k)} - \alpha \nabla f\bigl(x^{(k)}\bigr)",
    r"f(y) \le f(x) + \nabla f(x)^\top (y - x) + \frac{L}{2} \lVert y - x \rVert^2",
    r"\nabla f(x) = \begin{bmatrix} \partial f / \partial x_1 \\ \vdots \\"
    r" \partial f / \partial x_n \end{bmatrix}",
    r"\ell(\theta) = \sum_{i=1}^{m} y_i \log \sigma(\theta^\top x_i)"
    r" + (1 - y_i) \log\bigl(1 - \sigma(\theta^\top x_i)\bigr)",
    r"\lVert x^{(k)} - x^\star \rVert \le \Bigl(\frac{\kappa - 1}{\kappa + 1}\Bigr)^{k}"
    r" \lVert x^{(0)} - x^\star \rVert",
    r"H = \begin{bmatrix} \partial^2 f / \partial x^2 & \partial^2 f / \partial x \partial y"
    r" \\ \partial^2 f / \partial y \partial x & \partial^2 f / \partial y^2 \end{bmatrix}",
]
CODE = [
    '''import numpy as np


def gradient_descent(grad, x0, alpha={alpha}, steps={steps}, tol=1e-8):
    """Iterate x <- x - alpha * grad(x) until the gradient is small."""
    x = np.asarray(x0, dtype=float)
    for k in range(steps):
        g = grad(x)
        if np.linalg.norm(g) <= tol:
            return x, k
        x = x - alpha * g
    return x, steps


def quadratic_gradient(x, a={a}):
    return np.array([2 * x[0], 2 * a * x[1]])


x, k = gradient_descent(quadratic_gradient, [1.0, {x0}])
print(f"stopped after {{k}} steps at {{x}}")''',
    """import numpy as np

rng = np.random.default_rng({seed})
X = np.column_stack([np.ones({m}), rng.normal(size={m})])
y = X @ np.array([{a}, {x0}]) + 0.1 * rng.normal(size={m})

w = np.zeros(2)
for _ in range({steps}):
    residual = X @ w - y
    w -= {alpha} * X.T @ residual / len(y)

print("fitted:", w)
print("lstsq: ", np.linalg.lstsq(X, y, rcond=None)[0])""",
    '''import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def log_likelihood_gradient(w, X, y):
    """Gradient of sum y log s + (1 - y) log(1 - s), s = sigmoid(X w)."""
    return X.T @ (y - sigmoid(X @ w))


rng = np.random.default_rng({seed})
X = rng.normal(size=({m}, 3))
y = (X @ np.array([{a}, -1.0, {x0}]) > 0).astype(float)
w = np.zeros(3)
for _ in range({steps}):
    w += {alpha} * log_likelihood_gradient(w, X, y) / len(y)
print(np.round(w, 3))''',
    '''import numpy as np


def momentum(grad, x0, alpha={alpha}, beta=0.9, steps={steps}):
    """Heavy ball: v <- beta v - alpha grad(x), x <- x + v."""
    x = np.asarray(x0, dtype=float)
    v = np.zeros_like(x)
    path = [x.copy()]
    for _ in range(steps):
        v = beta * v - alpha * grad(x)
        x = x + v
        path.append(x.copy())
    return np.array(path)


path = momentum(lambda x: np.array([x[0], {a} * x[1]]), [{x0}, 1.0])
print(path[-1], len(path))''',
]


def our_config() -> dict[str, Any]:
    """Our mkdocs.yml as MkDocs reads it (!ENV tags and !!python/name included)."""
    return yaml_load((ROOT / "mkdocs.yml").read_text("utf-8"))


def reference_config(nav: list[Any]) -> dict[str, Any]:
    """Our theme and markdown_extensions, the search plugin, no hooks, no code of ours."""
    ours = our_config()
    theme = {key: value for key, value in ours["theme"].items() if key != "custom_dir"}
    extensions = []
    for extension in ours["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            # Our base_path is our package; the reference includes nothing.
            options = {**extension["pymdownx.snippets"], "base_path": ["docs"]}
            extension = {"pymdownx.snippets": options}
        extensions.append(extension)
    return {
        "site_name": "Gradient notes",
        "site_description": "A blog on the mathematics of machine learning.",
        "strict": True,
        "theme": theme,
        "nav": nav,
        "markdown_extensions": extensions,
        "plugins": ["search"],
        # Material's recipe for arithmatex: a MathJax configuration the browser runs.
        "extra_javascript": ["javascripts/mathjax.js"],
    }


MATHJAX_CONFIG = """window.MathJax = {
  tex: {inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]],
        processEscapes: true, processEnvironments: true},
  options: {ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex"}
};
"""


def sentence(rng: random.Random) -> str:
    """One sentence of plausible prose, sometimes with inline math or code."""
    words = [rng.choice(CONNECTIVES) + ","] if rng.random() < 0.3 else []
    words += [
        "the",
        rng.choice(ADJECTIVES),
        rng.choice(WORDS),
        rng.choice(VERBS),
        "the",
        rng.choice(WORDS),
    ]
    for _ in range(rng.randint(4, 14)):
        words.append(rng.choice(WORDS + ADJECTIVES + ["of", "and", "with", "to", "as"]))
    roll = rng.random()
    if roll < 0.4:  # 50–80 formulas a post, as an ML-maths blog has
        words += ["where", rng.choice(INLINE_MATH)]
    elif roll < 0.5:
        words += ["in", f"`{rng.choice(WORDS)}_{rng.choice(WORDS)}`"]
    elif roll < 0.57:
        words.insert(3, f"**{words.pop(3)}**")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 7)))


def code_block(rng: random.Random) -> str:
    template = rng.choice(CODE)
    body = template.format(
        alpha=rng.choice([0.01, 0.05, 0.1, 0.2]),
        steps=rng.choice([100, 500, 1000]),
        a=rng.randint(2, 9),
        x0=rng.choice([0.5, 1.5, 2.0, -1.0]),
        seed=rng.randint(0, 999),
        m=rng.choice([20, 50, 100]),
    )
    return f"```python\n{body}\n```"


def display_math(rng: random.Random) -> str:
    return f"$$\n{rng.choice(DISPLAY_MATH)}\n$$"


def admonition(rng: random.Random) -> str:
    kind, title = rng.choice(
        [("note", "Why it works"), ("tip", "In practice"), ("warning", "A pitfall")]
    )
    return f'!!! {kind} "{title}"\n\n    {paragraph(rng)}'


def table(rng: random.Random) -> str:
    rows = ["| Step size | Steps to 1e-6 | Final loss |", "|---|---:|---:|"]
    for alpha in (0.01, 0.05, 0.1, 0.2):
        rows.append(f"| {alpha} | {rng.randint(40, 9000)} | {rng.random():.2e} |")
    return "\n".join(rows)


def svg_figure(rng: random.Random) -> str:
    """A small line chart: a decaying loss curve with noise, as a blog's plot."""
    decay, noise = rng.uniform(0.02, 0.1), rng.uniform(0.0, 0.05)
    points = []
    for i in range(121):
        value = 2.718 ** (-decay * i) + noise * rng.uniform(-1, 1)
        points.append(f"{40 + 4 * i:.0f},{250 - 200 * max(value, 0):.1f}")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 540 280" width="540" '
        'height="280">\n<title>Loss against steps</title>\n'
        '<rect width="540" height="280" fill="white"/>\n'
        '<path d="M40 250H520M40 250V30" stroke="black"/>\n'
        f'<polyline fill="none" stroke="#1f77b4" stroke-width="2" '
        f'points="{" ".join(points)}"/>\n</svg>\n'
    )


def post(
    rng: random.Random, title: str, words: int, figures: list[str], links: list[str]
) -> str:
    """A post of at least `words` words: a blog's mix of prose, code, math and media."""
    extras = [code_block, code_block, code_block, display_math, display_math]
    extras += [display_math, admonition, table]
    rng.shuffle(extras)
    blocks = [f"# {title}", paragraph(rng), paragraph(rng)]
    media = [f"![Loss against steps]({name}){{ width=540 }}" for name in figures]
    media += [f"See also [this post]({link})." for link in links]
    section = 0

    def short() -> bool:
        return len("\n\n".join(blocks).split()) < words

    while short():
        section += 1
        blocks.append(f"## {rng.choice(ADJECTIVES).capitalize()} {rng.choice(WORDS)}s")
        for _ in range(rng.randint(2, 4)):
            if short():
                blocks.append(paragraph(rng))
        if section % 3 == 0:
            blocks.append(f"### The {rng.choice(WORDS)} in detail")
            blocks.append(paragraph(rng))
        if extras:
            blocks.append(extras.pop()(rng))
        if media and section % 2 == 0:
            blocks.append(media.pop())
    blocks += [extra(rng) for extra in extras] + media
    return "\n\n".join(blocks) + "\n"


def slug(title: str) -> str:
    return "-".join(
        "".join(c for c in title.lower() if c.isalnum() or c == " ").split()
    )


def write_reference_site(
    folder: Path, pages: int = 50, words: int = 2900, seed: int = 17
) -> Path:
    """Write the reference project (mkdocs.yml, docs/) into folder; return folder.

    `pages` posts (at most 50) spread over the sections in order, each of at least
    `words` words; deterministic for a given seed.
    """
    rng = random.Random(seed)
    titles = [(section, t) for section, ts in SECTIONS.items() for t in ts][:pages]
    paths = [f"{slug(section)}/{slug(title)}.md" for section, title in titles]
    docs = folder / "docs"
    (docs / "javascripts").mkdir(parents=True)
    (docs / "javascripts/mathjax.js").write_text(MATHJAX_CONFIG, "utf-8")
    home = ["# Gradient notes", paragraph(rng), ""]
    home += [
        f"- [{title}]({path})" for (_, title), path in zip(titles, paths, strict=True)
    ]
    (docs / "index.md").write_text("\n".join(home) + "\n", "utf-8")

    nav: list[Any] = [{"Home": "index.md"}]
    by_section: dict[str, list[dict[str, str]]] = {}
    for (section, title), path in zip(titles, paths, strict=True):
        by_section.setdefault(section, []).append({title: path})
        page = docs / path
        page.parent.mkdir(exist_ok=True)
        figures = []
        for number in range(1, rng.randint(1, 2) + 1):
            name = f"{page.stem}-figure-{number}.svg"
            (page.parent / name).write_text(svg_figure(rng), "utf-8")
            figures.append(name)
        links = [f"../{other}" for other in rng.sample(paths, 2) if other != path]
        page.write_text(post(rng, title, words, figures, links), "utf-8")
    nav += [{section: entries} for section, entries in by_section.items()]

    config = yaml.dump(reference_config(nav), sort_keys=False, allow_unicode=True)
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    return folder
